namespace PartnerPrograms.Web.Infrastructure;

/// <summary>The database the app uses: ConnectionStrings:Default, or an embedded server it runs itself.</summary>
public sealed class PortalDatabase(string connectionString, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;
    public EmbeddedPostgres? Embedded { get; } = embedded;
    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
