using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Jobs.Email.Templates;

namespace PartnerPrograms.Web.Pages.Account;

/// <summary>Invitation and password-reset e-mails, queued in the outbox in the recipient's language.</summary>
public sealed class AccountMails(AppDbContext db, MailWriter mails, TimeProvider clock)
{
    private string Link(AppUser user, string token) => mails.Url(
        $"/Account/ResetPassword?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}");

    public Task QueueInvitationAsync(AppUser user, string token, string invitedBy) =>
        QueueAsync<InvitationMail>(user, "invite", new Dictionary<string, object?>
        {
            [nameof(InvitationMail.Name)] = user.DisplayName,
            [nameof(InvitationMail.InvitedBy)] = invitedBy,
            [nameof(InvitationMail.Url)] = Link(user, token) + "&invite=true",
        });

    public Task QueuePasswordResetAsync(AppUser user, string token) =>
        QueueAsync<PasswordResetMail>(user, "reset", new Dictionary<string, object?>
        {
            [nameof(PasswordResetMail.Name)] = user.DisplayName,
            [nameof(PasswordResetMail.Url)] = Link(user, token),
        });

    // No unsubscribe: these are the answer to something the person (or an administrator) just did.
    private async Task QueueAsync<TMail>(AppUser user, string what, Dictionary<string, object?> parameters)
        where TMail : MailTemplate
    {
        var key = $"{what}:{user.Id}:{clock.GetUtcNow().UtcDateTime:yyyyMMddHHmmss}";
        var to = new MailTo(user.Email, user.PreferredLanguage);
        var message = await mails.WriteAsync<TMail>(to, parameters, dedupeKey: key);
        await EmailOutbox.QueueAsync(db, message);
        await db.SaveChangesAsync();
    }
}
