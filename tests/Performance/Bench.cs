namespace PartnerPrograms.Performance;

public sealed record BenchOptions(string? DataDir, string? Connection, double Seconds, string Clients, string? Out, string? Only, string? WebDll);

public static class Bench
{
    public static Task<int> RunAsync(BenchOptions o) => Task.FromResult(0);
}
