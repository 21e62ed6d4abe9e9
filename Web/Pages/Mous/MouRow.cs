using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record MouRow(long Id, string Code, string Title, MouStatus Status, DateOnly? SigningDate,
    DateOnly StartDate, DateOnly EndDate, List<string> Parties, int Actions, int Overdue);
