namespace PartnerPrograms.Web.Pages.Mous;

public sealed record ItemView(long Id, int Number, string Title, string? Description, List<ActionView> Actions);
