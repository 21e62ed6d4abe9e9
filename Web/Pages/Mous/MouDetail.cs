using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record MouDetail(long Id, string Code, string Title, string? Purpose, MouStatus Status,
    DateOnly? SigningDate, DateOnly StartDate, DateOnly EndDate, string? TerminationReason, long? RenewsMouId,
    string? RenewsCode, uint Version, List<PartyView> Parties, List<ItemView> Items);
