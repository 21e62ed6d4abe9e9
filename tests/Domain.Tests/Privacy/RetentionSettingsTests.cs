using PartnerPrograms.Domain.Privacy;

namespace PartnerPrograms.Domain.Tests.Privacy;

public class RetentionSettingsTests
{
    [Fact]
    public void The_reminder_log_outlives_the_longest_lead_time_by_five_weeks_whatever_is_configured()
    {
        new RetentionSettings().ReminderLogDaysNeeded([14, 7, 1, 90, 60, 30]).ShouldBe(400);
        new RetentionSettings { ReminderLogDays = 30 }.ReminderLogDaysNeeded([14, 7, 1, 90, 60, 30]).ShouldBe(125);
        new RetentionSettings().ReminderLogDaysNeeded([730]).ShouldBe(765, "an MOU's term can be warned about two years ahead");
        new RetentionSettings { ReminderLogDays = 0 }.ReminderLogDaysNeeded([90]).ShouldBe(0, "0 keeps the log for good");
        new RetentionSettings { ReminderLogDays = 10 }.ReminderLogDaysNeeded([]).ShouldBe(35);
    }

    [Fact]
    public void A_period_of_zero_keeps_for_good_and_the_defaults_are_the_documented_ones()
    {
        var now = new DateTime(2026, 12, 2, 3, 30, 0, DateTimeKind.Utc);
        RetentionSettings.Cutoff(now, 0).ShouldBeNull();
        RetentionSettings.Cutoff(now, -5).ShouldBeNull();
        RetentionSettings.Cutoff(now, 90).ShouldBe(now.AddDays(-90));
        var d = new RetentionSettings();
        (d.SentMailDays, d.FailedMailDays, d.ReminderLogDays, d.PersonalDataAuditDays).ShouldBe((90, 180, 400, 3650));
    }
}
