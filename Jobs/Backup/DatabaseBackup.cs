using System.Globalization;

namespace PartnerPrograms.Jobs.Backup;

/// <summary>
/// One backup: pg_dump -Fc into the backup folder, checked with pg_restore --list before it counts, then the oldest
/// beyond Backup:Keep removed. A dump that cannot be read back is deleted and the run fails (shown on /jobs).
/// </summary>
public sealed class DatabaseBackup(BackupSettings settings, TimeProvider clock, ILogger<DatabaseBackup> logger)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Returns the one-line result the job dashboard shows.</summary>
    public async Task<string> RunAsync(CancellationToken ct)
    {
        // The dumps hold everything, personal data included: a folder and files for the portal's user alone.
        Directory.CreateDirectory(settings.Directory, OwnerOnly | UnixFileMode.UserExecute);
        var name = settings.FilePrefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + ".dump";
        var final = Path.Combine(settings.Directory, name);
        var partial = final + ".partial";
        int entries;
        try
        {
            // Created 0600 before pg_dump writes into it (pg_dump keeps an existing file's mode).
            var createOptions = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            };
            await using (new FileStream(partial, createOptions)) { }
            await PgClientTools.RunAsync(settings.Tool("pg_dump"), ["-Fc", "--no-password", "-f", partial], settings.ConnectionString, ct);
            entries = await CheckAsync(settings.Tool("pg_restore"), partial, ct);
            File.Move(partial, final);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        var removed = Prune(final);
        var size = new FileInfo(final).Length / 1024.0 / 1024.0;
        var result = string.Create(CultureInfo.InvariantCulture,
            $"{name}: {size:F1} MiB, {entries} entries read back by pg_restore --list; {removed} older removed, " +
            $"the last {settings.Keep} kept in {settings.Directory}");
        logger.LogInformation("Backup {Result}", result);
        return result;
    }

    /// <summary>The number of entries pg_restore lists in a custom-format dump; fails when it cannot read it.</summary>
    public static async Task<int> CheckAsync(string pgRestore, string file, CancellationToken ct)
    {
        var list = await PgClientTools.RunAsync(pgRestore, ["--list", file], connectionString: null, ct);
        var entries = list.Split('\n').Count(l => l.Length > 0 && !l.StartsWith(';'));
        return entries > 0 ? entries : throw new BackupException($"pg_restore --list found nothing in {Path.GetFileName(file)}.");
    }

    /// <summary>Keeps the newest Backup:Keep dumps (by their UTC timestamp names); removes older ones and stray partials.</summary>
    private int Prune(string newest)
    {
        var dumps = Directory.GetFiles(settings.Directory, settings.FilePrefix + "*.dump").OrderByDescending(f => f, StringComparer.Ordinal).ToList();
        var old = dumps.Skip(settings.Keep).Where(f => f != newest).ToList();
        foreach (var file in old.Concat(Directory.GetFiles(settings.Directory, settings.FilePrefix + "*.dump.partial")))
            File.Delete(file);
        return old.Count;
    }
}
