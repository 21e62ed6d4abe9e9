namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>One action in an MOU reminder digest. DaysLeft is null for an overdue action.</summary>
public sealed record DigestAction(string MouCode, string MouTitle, string Title, DateOnly Due, int? DaysLeft,
    int DaysOverdue);
