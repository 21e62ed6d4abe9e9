using System.Diagnostics;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// The postmaster of a data folder, as its postmaster.pid tells. A postmaster killed with SIGKILL whose parent never
/// reaps it stays a zombie: kill(pid, 0) still succeeds, so pg_ctl status calls it running and a new postmaster
/// refuses the old lock files ("Is another postmaster running?"). Here a zombie counts as dead.
/// </summary>
internal static class Postmaster
{
    public static int? Pid(string dataDirectory)
    {
        try
        {
            using var reader = new StreamReader(Path.Combine(dataDirectory, "postmaster.pid"));
            return int.TryParse(reader.ReadLine(), out var pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    public static bool IsAlive(string dataDirectory) => Pid(dataDirectory) is { } pid && IsLivePostgres(pid);

    /// <summary>
    /// Removes the lock files of a postmaster that is gone, so a new one can start. Never while it lives; and the old
    /// server's backends, if any still run, keep the new one out through PostgreSQL's own shared-memory interlock.
    /// </summary>
    public static void RemoveStaleLockFiles(string dataDirectory)
    {
        if (IsAlive(dataDirectory)) return;
        File.Delete(Path.Combine(dataDirectory, "postmaster.pid"));
        foreach (var socketLock in Directory.EnumerateFiles(dataDirectory, ".s.PGSQL.*.lock")) File.Delete(socketLock);
    }

    private static bool IsLivePostgres(int pid)
    {
        if (!Directory.Exists("/proc/self"))
        {
            try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
            catch (ArgumentException) { return false; }
        }
        try
        {
            // "pid (comm) state …": comm may hold spaces or parentheses, so the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var comm = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            var state = stat[close + 2];
            // A recycled pid (after a reboot) running something else is not our server either.
            return state is not ('Z' or 'X' or 'x') && comm == "postgres";
        }
        catch (IOException) { return false; }
    }
}
