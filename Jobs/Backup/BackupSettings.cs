using Npgsql;

namespace PartnerPrograms.Jobs.Backup;

/// <summary>
/// Backup:* settings. The daily backup runs where the portal runs its own PostgreSQL (a single-host install: into
/// a "backups" folder beside the data folder unless Backup:Directory says otherwise), or wherever Backup:Directory
/// is set (an instance next to an external server).
/// </summary>
public sealed record BackupSettings(string Directory, int Keep, string Cron, string ConnectionString, string? BinDirectory)
{
    public const string DefaultCron = "30 2 * * *";

    /// <summary>Null when this instance takes no backups.</summary>
    public static BackupSettings? From(IConfiguration config, string connectionString, EmbeddedPostgres? embedded)
    {
        var directory = config["Backup:Directory"];
        if (string.IsNullOrWhiteSpace(directory))
        {
            if (embedded is null) return null;
            directory = Path.Combine(Path.GetDirectoryName(embedded.DataDirectory)!, "backups");
        }
        return new BackupSettings(Path.GetFullPath(directory), Math.Max(1, config.GetValue("Backup:Keep", 7)),
            config["Backup:Cron"] is { Length: > 0 } cron ? cron : DefaultCron, connectionString,
            embedded?.BinDirectory ?? EmbeddedPostgres.FindBinDirectory());
    }

    /// <summary>pg_dump / pg_restore: the embedded server's own, else the newest installed, else from PATH.</summary>
    public string Tool(string name) => Tool(BinDirectory, name);

    public static string Tool(string? binDirectory, string name) => binDirectory is null ? name : Path.Combine(binDirectory, name);

    /// <summary>Backups are named after the database: partnerprograms-20261202T193000123Z.dump.</summary>
    public string FilePrefix => (new NpgsqlConnectionStringBuilder(ConnectionString).Database ?? "database") + "-";
}
