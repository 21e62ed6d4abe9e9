namespace PartnerPrograms.Web.Pages.Trainees;

public sealed record ImportProblem(string Field, string Key, string? Arg = null);
