using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>What a transition needs besides its kind; each kind reads only its own fields.</summary>
public sealed record TransitionInput(MouTransition Transition, DateOnly? SigningDate = null, string? Reason = null,
    string? NewCode = null, DateOnly? NewStart = null, DateOnly? NewEnd = null);
