namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// How long the portal keeps what it does not need for long (section "Retention"; days, 0 = keep for good). The
/// daily retention purge applies them; the README's PDPA section explains each default.
/// </summary>
public sealed class RetentionSettings
{
    /// <summary>Sent e-mails and their attachments (certificates among them): long enough to answer "did it go out?".</summary>
    public int SentMailDays { get; set; } = 90;

    /// <summary>Messages that failed for good: longer, so an admin can see and resend them after an outage.</summary>
    public int FailedMailDays { get; set; } = 180;

    /// <summary>Reminder-log rows; never less than de-duplication needs (<see cref="ReminderLogDaysNeeded"/>).</summary>
    public int ReminderLogDays { get; set; } = 400;

    /// <summary>
    /// Reveals and exports in personal_data_audit: 10 years, the longest a PDPA claim can be brought (section 78).
    /// Erasure entries are always kept: they are what re-applies an erasure after a backup is restored.
    /// </summary>
    public int PersonalDataAuditDays { get; set; } = 3650;

    /// <summary>
    /// A reminder is logged up to its longest lead time before the date it is about (an MOU's term can be warned
    /// about up to 730 days ahead) and the weekly overdue reminder repeats by week; a log row must outlive all that,
    /// or the reminder would be sent again. So the configured days, but at least the longest lead time plus five weeks.
    /// </summary>
    public int ReminderLogDaysNeeded(IEnumerable<int> leadDays)
    {
        var longest = leadDays.DefaultIfEmpty(0).Max();
        return ReminderLogDays <= 0 ? 0 : Math.Max(ReminderLogDays, longest + 35);
    }

    /// <summary>The moment before which rows of a kind go, or null when that kind is kept for good.</summary>
    public static DateTime? Cutoff(DateTime now, int days) => days <= 0 ? null : now.AddDays(-days);
}
