using Hangfire.PostgreSql;
using Npgsql;

namespace PartnerPrograms.Jobs.Scheduling;

/// <summary>
/// Hangfire's own data source over the portal's database. Its own, not the app's: global Npgsql type mappings
/// break Hangfire's connections (Hangfire.PostgreSql #322, #355), and its pool is sized apart from the web's.
/// </summary>
public sealed class HangfireConnectionFactory(string connectionString) : IConnectionFactory, IDisposable
{
    private readonly NpgsqlDataSource _dataSource = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "partnerprograms-jobs" }.ConnectionString).Build();

    public NpgsqlConnection GetOrCreateConnection() => _dataSource.CreateConnection();

    public void Dispose() => _dataSource.Dispose();
}
