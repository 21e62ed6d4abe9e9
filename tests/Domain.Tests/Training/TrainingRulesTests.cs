using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Training;

public class CompletionRuleTests
{
    private static readonly CompletionRule Default = new();

    [Theory]
    [InlineData(8, 7, true, 87)]   // 87.5 % ≥ 80 %
    [InlineData(5, 4, true, 80)]   // exactly the threshold passes
    [InlineData(4, 3, false, 75)]
    [InlineData(10, 7, false, 70)]
    [InlineData(8, 8, true, 100)]
    [InlineData(8, 0, false, 0)]
    [InlineData(3, 2, false, 66)]  // 66.7 % < 80 %, no rounding up
    public void Attendance_share_decides_completion(int sessions, int attended, bool completed, int percent)
    {
        var r = Default.Evaluate(sessions, attended);
        r.Completed.ShouldBe(completed);
        r.Percent.ShouldBe(percent);
        r.Attended.ShouldBe(attended);
        r.Sessions.ShouldBe(sessions);
        r.Reason.ShouldBe(completed ? CompletionReason.Met : CompletionReason.AttendanceTooLow);
    }

    [Fact]
    public void The_reason_reads_seven_of_eight_sessions()
    {
        var r = Default.Evaluate(8, 7);
        string.Format(System.Globalization.CultureInfo.InvariantCulture, r.ReasonKey, r.ReasonArgs(Default)).ShouldBe("7 of 8 sessions (87%)");
        var low = Default.Evaluate(8, 5);
        string.Format(System.Globalization.CultureInfo.InvariantCulture, low.ReasonKey, low.ReasonArgs(Default)).ShouldBe("5 of 8 sessions (62%), below the required 80%");
    }

    [Fact]
    public void No_sessions_means_not_completed_yet()
    {
        var r = Default.Evaluate(0, 0);
        r.Completed.ShouldBeFalse();
        r.Reason.ShouldBe(CompletionReason.NoSessions);
    }

    [Fact]
    public void More_marks_than_sessions_are_capped()
    {
        Default.Evaluate(4, 9).Attended.ShouldBe(4);
        Default.Evaluate(4, -1).Attended.ShouldBe(0);
    }

    [Theory]
    [InlineData(100, 1, 1, true)]
    [InlineData(0, 0, 5, true)]     // a 0 % rule completes anyone with sessions
    [InlineData(50, 1, 2, true)]
    [InlineData(90, 9, 10, true)]
    [InlineData(90, 8, 10, false)]
    public void The_course_sets_the_threshold(int minPercent, int attended, int sessions, bool completed) =>
        new CompletionRule(minPercent).Evaluate(sessions, attended).Completed.ShouldBe(completed);

    [Fact]
    public void A_pass_mark_needs_a_score_at_or_above_it()
    {
        var rule = new CompletionRule(80, 60);
        rule.Evaluate(8, 8, null).Reason.ShouldBe(CompletionReason.NoScore);
        rule.Evaluate(8, 8, 59.5m).Reason.ShouldBe(CompletionReason.ScoreTooLow);
        rule.Evaluate(8, 8, 60).Completed.ShouldBeTrue();
        // Attendance is checked first: a high score does not make up for absences.
        rule.Evaluate(8, 5, 100).Reason.ShouldBe(CompletionReason.AttendanceTooLow);
    }

    [Theory]
    [InlineData(AttendanceStatus.Present, true)]
    [InlineData(AttendanceStatus.Late, true)]
    [InlineData(AttendanceStatus.Excused, false)]
    [InlineData(AttendanceStatus.Absent, false)]
    public void Present_and_late_count_as_attended(AttendanceStatus status, bool counts) =>
        CompletionResult.CountsAsAttended(status).ShouldBe(counts);
}

public class WaitlistTests
{
    private static Enrollment W(long id, int minute) => new()
    {
        Id = id,
        Status = EnrollmentStatus.Waitlisted,
        CreatedAt = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc),
        WaitlistedAt = new DateTime(2026, 1, 1, 9, minute, 0, DateTimeKind.Utc),
    };

    [Theory]
    [InlineData(30, 0, EnrollmentStatus.Enrolled)]
    [InlineData(30, 29, EnrollmentStatus.Enrolled)]
    [InlineData(30, 30, EnrollmentStatus.Waitlisted)]
    [InlineData(1, 5, EnrollmentStatus.Waitlisted)]
    public void A_seat_while_there_is_one_then_the_waitlist(int capacity, int enrolled, EnrollmentStatus expected) =>
        EnrollmentRules.StatusForNew(capacity, enrolled).ShouldBe(expected);

    [Fact]
    public void The_earliest_waiting_is_promoted_into_a_freed_seat()
    {
        var list = new[] { W(3, 30), W(1, 10), W(2, 20) };
        EnrollmentRules.ToPromote(10, 9, list).Select(e => e.Id).ShouldBe([1L]);
    }

    [Fact]
    public void As_many_are_promoted_as_there_are_free_seats_in_queue_order()
    {
        var list = new[] { W(3, 30), W(1, 10), W(2, 20), W(4, 40) };
        EnrollmentRules.ToPromote(10, 7, list).Select(e => e.Id).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public void Nobody_moves_when_the_cohort_is_still_full_or_the_waitlist_is_empty()
    {
        EnrollmentRules.ToPromote(10, 10, [W(1, 1)]).ShouldBeEmpty();
        EnrollmentRules.ToPromote(10, 12, [W(1, 1)]).ShouldBeEmpty(); // capacity lowered below the enrolled count
        EnrollmentRules.ToPromote(10, 5, []).ShouldBeEmpty();
    }

    [Fact]
    public void Only_waitlisted_enrolments_are_promoted_and_ties_go_by_id()
    {
        var same = W(9, 5);
        var earlier = W(8, 5);
        var withdrawn = new Enrollment { Id = 1, Status = EnrollmentStatus.Withdrawn, CreatedAt = DateTime.UnixEpoch };
        EnrollmentRules.ToPromote(5, 3, [same, withdrawn, earlier]).Select(e => e.Id).ShouldBe([8L, 9L]);
    }

    [Fact]
    public void A_closed_cohort_refuses_enrolment_and_cannot_be_closed_twice()
    {
        var cohort = new Cohort { Status = CohortStatus.Open };
        Should.NotThrow(cohort.EnsureAcceptsEnrollments);
        cohort.Close(DateTime.UtcNow);
        cohort.Status.ShouldBe(CohortStatus.Completed);
        Should.Throw<RuleViolationException>(cohort.EnsureAcceptsEnrollments);
        Should.Throw<RuleViolationException>(() => cohort.Close(DateTime.UtcNow));
        Should.Throw<RuleViolationException>(new Cohort { Status = CohortStatus.Cancelled }.EnsureAcceptsEnrollments);
    }
}

public class ThaiInputTests
{
    [Theory]
    [InlineData("15/03/2530", 1987, 3, 15)]
    [InlineData("15/3/1987", 1987, 3, 15)]
    [InlineData("1987-03-15", 1987, 3, 15)]
    [InlineData("2530-03-15", 1987, 3, 15)]
    [InlineData("15-03-2530", 1987, 3, 15)]
    [InlineData("๑๕/๐๓/๒๕๓๐", 1987, 3, 15)]
    [InlineData("15 มีนาคม 2530", 1987, 3, 15)]
    [InlineData("15 มี.ค. 2530", 1987, 3, 15)]
    [InlineData("2 มี.ค. พ.ศ. 2563", 2020, 3, 2)]
    [InlineData("29/02/2563", 2020, 2, 29)]
    [InlineData("15/03/2530 0:00", 1987, 3, 15)]
    public void Buddhist_era_and_Thai_digits_are_read(string input, int y, int m, int d)
    {
        ThaiDates.TryParse(input, out var date).ShouldBeTrue(input);
        date.ShouldBe(new DateOnly(y, m, d));
    }

    [Theory]
    [InlineData("")]
    [InlineData("31/02/2530")]
    [InlineData("29/02/2564")]  // 2021 is not a leap year
    [InlineData("15/13/2530")]
    [InlineData("15/03/30")]
    [InlineData("yesterday")]
    [InlineData("15/03/3000")]
    public void Impossible_dates_are_refused(string input) => ThaiDates.TryParse(input, out _).ShouldBeFalse(input);

    [Theory]
    [InlineData("มหาสารคาม")]
    [InlineData("Maha Sarakham")]
    [InlineData("maha sarakham")]
    [InlineData("44")]
    [InlineData("๔๔")]
    [InlineData("TH-44")]
    [InlineData("จ.มหาสารคาม")]
    [InlineData("จังหวัดมหาสารคาม")]
    public void A_province_is_found_by_Thai_or_English_name_or_code(string input) =>
        ThaiProvinces.Find(input)?.NameTh.ShouldBe("มหาสารคาม");

    [Fact]
    public void There_are_77_provinces_and_Bangkok_has_its_nicknames()
    {
        ThaiProvinces.All.Count.ShouldBe(77);
        ThaiProvinces.Find("กทม.")!.NameEn.ShouldBe("Bangkok");
        ThaiProvinces.Find("10")!.NameTh.ShouldBe("กรุงเทพมหานคร");
        ThaiProvinces.Find("Atlantis").ShouldBeNull();
        ThaiProvinces.Find("99").ShouldBeNull();
    }

    [Theory]
    [InlineData("1-1037-00123-45-8")]
    [InlineData("1 1037 00123 45 8")]
    [InlineData("๑๑๐๓๗๐๐๑๒๓๔๕๘")]
    public void National_ids_typed_with_dashes_spaces_or_Thai_digits_validate(string input)
    {
        NationalId.TryParse(input, out var digits).ShouldBeTrue();
        digits.ShouldBe("1103700123458");
        NationalId.Mask(digits).ShouldBe("1-1037-xxxxx-xx-8");
    }

    [Fact]
    public void A_transposed_pair_of_digits_is_caught_by_the_check_digit()
    {
        NationalId.HasValidChecksum("1103700123458").ShouldBeTrue();
        NationalId.HasValidChecksum("1103700132458").ShouldBeFalse();
    }

    [Fact]
    public void Names_join_the_title_the_Thai_way() =>
        TraineeNames.Full("นางสาว", "ญาณี", "ปิ่นแก้วฟ้า").ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้า");
}
