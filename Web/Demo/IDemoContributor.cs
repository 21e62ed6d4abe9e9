namespace PartnerPrograms.Web.Demo;

/// <summary>Adds a feature's demo records after the organisations and accounts exist. Found by reflection; runs in Order.</summary>
public interface IDemoContributor
{
    int Order { get; }
    Task SeedAsync(DemoContext demo, CancellationToken ct);
}
