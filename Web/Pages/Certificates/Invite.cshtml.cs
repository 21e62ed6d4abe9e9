namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>Staff invite a trainee to sign in as a participant (from the trainee's page).</summary>
[Authorize(Policy = PortalAuth.StaffPolicy)]
public class InviteModel(ParticipantInvitations invitations, IStringLocalizer l) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(long traineeId)
    {
        var inviter = User.DisplayName();
        var outcome = await invitations.InviteAsync(traineeId, inviter);
        if (outcome == InvitationOutcome.NotFound) return NotFound();
        if (outcome == InvitationOutcome.Invited) TempData["Flash"] = l["The invitation was sent."].Value;
        else TempData["FlashError"] = l["InvitationOutcome:" + outcome].Value;
        return Redirect($"/Trainees/Details?id={traineeId}");
    }
}
