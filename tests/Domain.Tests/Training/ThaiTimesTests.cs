using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Training;

public class ThaiTimesTests
{
    [Theory]
    [InlineData("09:00", 9, 0)]
    [InlineData("9:00", 9, 0)]
    [InlineData("9.00", 9, 0)]
    [InlineData("9.00 น.", 9, 0)]
    [InlineData("0900", 9, 0)]
    [InlineData("900", 9, 0)]
    [InlineData("9", 9, 0)]
    [InlineData("13:30", 13, 30)]
    [InlineData("๑๓.๓๐", 13, 30)]   // Thai digits
    [InlineData("00:00", 0, 0)]
    [InlineData("23:59", 23, 59)]
    public void Reads_a_24_hour_time(string text, int hour, int minute)
    {
        ThaiTimes.TryParse(text, out var time).ShouldBeTrue(text);
        time.ShouldBe(new TimeOnly(hour, minute));
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("12:60")]
    [InlineData("9:5")]
    [InlineData("12345")]
    [InlineData("9am")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_what_is_not_a_time(string? text) => ThaiTimes.TryParse(text, out _).ShouldBeFalse(text);
}
