using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Training;

/// <summary>The one date parser of pages and imports: dates as Thai people type them.</summary>
public class ThaiDatesTests
{
    [Theory]
    [InlineData("29/02/2567", 2024, 2, 29)]   // 2567 = 2024, a leap year
    [InlineData("15/03/2570", 2027, 3, 15)]   // Buddhist era …
    [InlineData("15/03/2027", 2027, 3, 15)]   // … and the same year typed in the Gregorian era
    [InlineData("5/6/2564", 2021, 6, 5)]
    [InlineData("05-06-2564", 2021, 6, 5)]
    [InlineData("05.06.2564", 2021, 6, 5)]
    [InlineData(" 05 / 06 / 2564 ", 2021, 6, 5)]
    [InlineData("๐๕/๐๖/๒๕๖๔", 2021, 6, 5)]   // Thai digits
    [InlineData("2021-06-05", 2021, 6, 5)]    // ISO, as the API and older forms send
    [InlineData("5 มิ.ย. 2564", 2021, 6, 5)]
    [InlineData("5 มิถุนายน พ.ศ. 2564", 2021, 6, 5)]
    [InlineData("31/12/2543", 2000, 12, 31)]
    public void Reads_the_day_as_typed(string text, int year, int month, int day)
    {
        ThaiDates.TryParse(text, out var date).ShouldBeTrue(text);
        date.ShouldBe(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("29/02/2566")]   // 2566 = 2023, not a leap year
    [InlineData("29/02/2023")]
    [InlineData("32/01/2567")]
    [InlineData("00/13/2567")]
    [InlineData("01/13/2567")]
    [InlineData("00/01/2567")]
    [InlineData("31/04/2567")]
    [InlineData("15/03/67")]     // a two-digit year is ambiguous
    [InlineData("15/03")]
    [InlineData("15032567")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Refuses_what_is_not_a_day(string? text) => ThaiDates.TryParse(text, out _).ShouldBeFalse(text);
}
