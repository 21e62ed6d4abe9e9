using System.Security.Cryptography;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// The embedded server's two passwords, each in its own file (mode 0600) in the data folder: the superuser's
/// (administration only: roles, databases) and the portal role's. Whoever can read the data folder owns the database
/// anyway, so the passwords live with it; they keep out every other local user and process, which trust did not.
/// </summary>
public sealed class EmbeddedPostgresCredentials
{
    public const string SuperUserFile = "superuser.password";
    public const string AppFile = "app.password";

    public string SuperUser { get; }
    public string App { get; }

    private EmbeddedPostgresCredentials(string superUser, string app)
    {
        SuperUser = superUser;
        App = app;
    }

    /// <summary>Both passwords from the data folder, or null when either file is missing.</summary>
    public static EmbeddedPostgresCredentials? Load(string dataDirectory)
    {
        var super = Read(Path.Combine(dataDirectory, SuperUserFile));
        var app = Read(Path.Combine(dataDirectory, AppFile));
        return super is null || app is null ? null : new EmbeddedPostgresCredentials(super, app);
    }

    /// <summary>The passwords in the folder, generating (and writing) whichever is missing. Existing ones are kept,
    /// so a conversion interrupted half-way is finished with the same passwords on the next start.</summary>
    public static EmbeddedPostgresCredentials LoadOrCreate(string dataDirectory)
    {
        var super = Read(Path.Combine(dataDirectory, SuperUserFile)) ?? WriteNew(Path.Combine(dataDirectory, SuperUserFile));
        var app = Read(Path.Combine(dataDirectory, AppFile)) ?? WriteNew(Path.Combine(dataDirectory, AppFile));
        return new EmbeddedPostgresCredentials(super, app);
    }

    /// <summary>For initdb's --pwfile: a fresh pair, written into the (new, empty) data folder only after initdb.</summary>
    public static EmbeddedPostgresCredentials Generate() => new(NewPassword(), NewPassword());

    public void WriteTo(string dataDirectory)
    {
        Write(Path.Combine(dataDirectory, SuperUserFile), SuperUser);
        Write(Path.Combine(dataDirectory, AppFile), App);
    }

    /// <summary>64 hex characters (256 bits): nothing a connection string or SQL literal needs to escape.</summary>
    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string? Read(string path) =>
        File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } value ? value : null;

    private static string WriteNew(string path)
    {
        var value = NewPassword();
        Write(path, value);
        return value;
    }

    /// <summary>Writes a secret created 0600 from the start (never briefly world-readable), then renamed into place.
    /// As root the file goes to the postgres OS user, like everything else in the folder.</summary>
    public static void Write(string path, string value)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
            writer.WriteLine(value);
        if (EmbeddedPostgres.RunningAsRoot) DataFolderOwnership.Chown(temp);
        File.Move(temp, path, overwrite: true);
    }
}
