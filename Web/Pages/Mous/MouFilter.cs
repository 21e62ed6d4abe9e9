using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

public sealed record MouFilter(MouStatus? Status = null, long? PartnerId = null, int? Year = null, string? Q = null);
