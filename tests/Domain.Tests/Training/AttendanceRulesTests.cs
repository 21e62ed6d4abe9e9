using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Training;

public class AttendanceRulesTests
{
    // A session on 2 December 2026 at 09:00 in Thailand starts at 02:00 UTC.
    private static readonly DateOnly Day = new(2026, 12, 2);
    private static readonly TimeOnly Nine = new(9, 0);
    private static DateTimeOffset Utc(int hour, int minute = 0) => new(2026, 12, 2, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void The_start_is_in_Thai_time()
    {
        AttendanceRules.StartsAt(Day, Nine).ShouldBe(Utc(2));
        AttendanceRules.HasStarted(Day, Nine, Utc(1, 59)).ShouldBeFalse();
        AttendanceRules.HasStarted(Day, Nine, Utc(2)).ShouldBeTrue();
        // 08:00 UTC the day before is already 15:00 in Bangkok, still before the next morning's session.
        AttendanceRules.HasStarted(Day, Nine, Utc(2).AddHours(-18)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(AttendanceStatus.Present)]
    [InlineData(AttendanceStatus.Late)]
    [InlineData(AttendanceStatus.Absent)]
    public void What_happened_cannot_be_recorded_before_the_start(AttendanceStatus status)
    {
        var refused = Should.Throw<RuleViolationException>(
            () => AttendanceRules.EnsureCanRecord(Day, Nine, [status], Utc(1, 59)));
        refused.Message.ShouldBe(AttendanceRules.NotBeforeStart);
        refused.Field.ShouldBe("status");
        AttendanceRules.EnsureCanRecord(Day, Nine, [status], Utc(2));
    }

    [Fact]
    public void An_apology_sent_ahead_can_be_recorded_any_time() =>
        AttendanceRules.EnsureCanRecord(Day, Nine, [AttendanceStatus.Excused], Utc(2).AddDays(-30));

    [Fact]
    public void One_mark_too_early_refuses_the_whole_register() =>
        Should.Throw<RuleViolationException>(() => AttendanceRules.EnsureCanRecord(Day, Nine,
            [AttendanceStatus.Excused, AttendanceStatus.Present], Utc(0)));
}
