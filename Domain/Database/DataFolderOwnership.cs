using System.Diagnostics;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// PostgreSQL refuses to run as root: when we are root the server runs as the postgres OS user, which must own the
/// data folder (and the files we write into it) and be able to reach it through every parent.
/// </summary>
internal static class DataFolderOwnership
{
    public static void GiveToPostgresUser(string dataDirectory)
    {
        Run("chown", "-R", "postgres:postgres", dataDirectory);
        Run("chmod", "700", dataDirectory);
        for (var dir = Path.GetDirectoryName(dataDirectory); !string.IsNullOrEmpty(dir) && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                if (dir == "/root" || dir.StartsWith("/root/", StringComparison.Ordinal))
                    throw new EmbeddedPostgresException(
                        $"The data folder '{dataDirectory}' is under /root, which the postgres user cannot reach. " +
                        "Put the repository (or EmbeddedPostgres:DataDirectory) somewhere else, e.g. under /srv or /work.");
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    public static void Chown(string path) => Run("chown", "postgres:postgres", path);

    private static void Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
    }
}
