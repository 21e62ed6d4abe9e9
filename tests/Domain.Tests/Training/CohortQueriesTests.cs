using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Training;

public class CohortQueriesTests
{
    [Fact]
    public void The_query_for_cohorts_taking_enrolments_agrees_with_the_cohort_itself_for_every_status()
    {
        var cohorts = Enum.GetValues<CohortStatus>().Select((s, i) => new Cohort { Id = i + 1, Status = s }).ToList();

        var queried = cohorts.AsQueryable().WhereAcceptsEnrollments().Select(c => c.Status).ToList();

        Assert.Equal(cohorts.Where(c => c.AcceptsEnrollments).Select(c => c.Status), queried);
        Assert.Equal([CohortStatus.Planned, CohortStatus.Open, CohortStatus.Running], queried.Order());
    }

    [Theory]
    [InlineData("NorthEast", Region.NorthEast)]
    [InlineData("north-east", Region.NorthEast)]
    [InlineData(" south ", Region.South)]
    [InlineData("3", null)]
    [InlineData("7", null)]
    [InlineData("Mars", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_region_is_read_by_its_name_never_by_a_number(string? text, Region? expected) =>
        Assert.Equal(expected, Regions.Parse(text));
}
