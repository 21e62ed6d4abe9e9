namespace PartnerPrograms.Domain.Mous;

/// <summary>The input of a new or edited MOU, as pages and the API receive it.</summary>
public sealed record MouDraft(string? Code, string? Title, string? Purpose, DateOnly? StartDate, DateOnly? EndDate,
    IReadOnlyList<PartyDraft> Parties);
