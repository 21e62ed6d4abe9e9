using Microsoft.AspNetCore.Identity;
using PartnerPrograms.Jobs.Email;
using PartnerPrograms.Web.Pages.Account;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>A participant account linked to a trainee record, invited by e-mail (the trainee's), one at a time or for a cohort.</summary>
public sealed class ParticipantInvitations(AppDbContext db, UserManager<AppUser> users, AccountMails mails)
{
    public async Task<InvitationOutcome> InviteAsync(long traineeId, string invitedBy)
    {
        var t = await db.Trainees.AsNoTracking().Where(x => x.Id == traineeId)
            .Select(x => new { x.Id, x.Title, x.FirstName, x.LastName, x.Email }).SingleOrDefaultAsync();
        if (t is null) return InvitationOutcome.NotFound;
        if (await db.Users.AnyAsync(u => u.TraineeId == traineeId)) return InvitationOutcome.AlreadyHasAccount;
        var email = t.Email?.Trim();
        if (!EmailAddresses.IsValid(email)) return InvitationOutcome.NoEmail;
        if (await users.FindByEmailAsync(email) is not null) return InvitationOutcome.EmailTaken;
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = Domain.Training.TraineeNames.Full(t.Title, t.FirstName, t.LastName),
            Role = Roles.Participant,
            TraineeId = t.Id,
            PreferredLanguage = "th",
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded) result = await RoleSetup.SetRoleAsync(users, user, Roles.Participant);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        await mails.QueueInvitationAsync(user, await users.GeneratePasswordResetTokenAsync(user), invitedBy);
        return InvitationOutcome.Invited;
    }

    /// <summary>Invites every enrolled trainee of a cohort who has an e-mail and no account yet; returns the counts by outcome.</summary>
    public async Task<Dictionary<InvitationOutcome, int>> InviteCohortAsync(long cohortId, string invitedBy)
    {
        var ids = await db.Enrollments.AsNoTracking()
            .Where(e => e.CohortId == cohortId && e.Status == Domain.Training.EnrollmentStatus.Enrolled)
            .Select(e => e.TraineeId)
            .Distinct()
            .ToListAsync();
        var counts = new Dictionary<InvitationOutcome, int>();
        foreach (var id in ids)
        {
            var outcome = await InviteAsync(id, invitedBy);
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }
        return counts;
    }
}
