namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>A trainee who can no longer reach the course's attendance rule (Min, in per cent).</summary>
public sealed record AtRiskTrainee(long EnrollmentId, string Cohort, string Name, int Attended, int Total, int Min);
