using System.Diagnostics;

namespace PartnerPrograms.Domain.Database;

/// <summary>Runs a PostgreSQL server program (initdb, pg_ctl), as the postgres OS user when we are root.</summary>
internal static class PgCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string exe, string[] args, bool asPostgresUser, CancellationToken ct, bool throwOnError)
    {
        var psi = asPostgresUser ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", exe, .. args])
                                 : new ProcessStartInfo(exe, args);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(psi) ?? throw new EmbeddedPostgresException($"Could not start {exe}");
        // pg_ctl start leaves the server holding inherited pipes; read stderr/stdout only until pg_ctl itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000, ct))) is Task<string[]> both
            ? string.Join('\n', await both) : "";
        if (throwOnError && process.ExitCode != 0)
            throw new EmbeddedPostgresException($"{Path.GetFileName(exe)} failed with exit code {process.ExitCode}: {output.Trim()}");
        return (process.ExitCode, output);
    }
}
