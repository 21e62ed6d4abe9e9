using System.ComponentModel;
using System.Diagnostics;
using Npgsql;

namespace PartnerPrograms.Jobs.Backup;

/// <summary>
/// Runs pg_dump / pg_restore against the portal's database. The connection's parameters go in libpq's environment
/// variables (the password never on a command line, where every local user could read it in the process list).
/// </summary>
public static class PgClientTools
{
    public static async Task<string> RunAsync(string exe, IEnumerable<string> args, string? connectionString, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(exe, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (connectionString is not null) SetConnection(psi, new NpgsqlConnectionStringBuilder(connectionString));
        Process process;
        try { process = Process.Start(psi)!; }
        catch (Win32Exception e)
        {
            throw new BackupException($"{exe} could not be started ({e.Message}): install the PostgreSQL client programs " +
                                      "(postgresql-client-15, or the server package) or set PG_BIN to their folder.");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try { await process.WaitForExitAsync(ct); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = await stdout;
            if (process.ExitCode != 0)
                throw new BackupException($"{Path.GetFileName(exe)} failed (exit code {process.ExitCode}): {(await stderr).Trim()}");
            return output;
        }
    }

    private static void SetConnection(ProcessStartInfo psi, NpgsqlConnectionStringBuilder cs)
    {
        psi.Environment["PGHOST"] = cs.Host;
        psi.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = cs.Username;
        psi.Environment["PGDATABASE"] = cs.Database;
        psi.Environment["PGAPPNAME"] = "partnerprograms-backup";
        psi.Environment["PGCONNECT_TIMEOUT"] = "15";
        psi.Environment["PGSSLMODE"] = cs.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        if (!string.IsNullOrEmpty(cs.Password)) psi.Environment["PGPASSWORD"] = cs.Password;
    }
}
