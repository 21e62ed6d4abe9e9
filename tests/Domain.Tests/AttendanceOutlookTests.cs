using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests;

public class AttendanceOutlookTests
{
    [Theory]
    // 8 sessions at 80 %: 6.4 → 7 needed.
    [InlineData(8, 5, 2, 80, true)]   // 5 + 2 = 7: still possible, just
    [InlineData(8, 4, 2, 80, false)]  // 4 + 2 = 6 < 6.4: can no longer complete
    [InlineData(5, 4, 0, 80, true)]   // exactly 80 %
    [InlineData(4, 3, 0, 80, false)]  // 75 %
    [InlineData(10, 0, 10, 100, true)]
    [InlineData(10, 0, 9, 100, false)]
    [InlineData(0, 0, 0, 80, true)]   // no sessions yet: nothing to warn about
    public void Tells_whether_the_rule_is_still_within_reach(int total, int attended, int remaining, int min, bool expected) =>
        AttendanceOutlook.CanStillComplete(total, attended, remaining, min).ShouldBe(expected);
}
