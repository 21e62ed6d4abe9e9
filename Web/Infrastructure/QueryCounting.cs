using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Opt-in (Diagnostics:CountQueries=true) count of database round trips per request, for the benchmark: every command
/// EF Core sends (queries, SaveChanges batches, Identity's stores) adds one, and the response carries the total in
/// X-Db-Commands. Off by default: it then costs nothing (no interceptor, no middleware).
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    public const string Header = "X-Db-Commands";
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    public static bool Enabled(IConfiguration config) => config.GetValue("Diagnostics:CountQueries", false);

    private static void Count()
    {
        if (Current.Value is { } box) Interlocked.Increment(ref box.Value);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Count(); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Count(); return ValueTask.FromResult(result); }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Count(); return result; }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Count(); return ValueTask.FromResult(result); }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Count(); return result; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Count(); return ValueTask.FromResult(result); }

    /// <summary>Starts a count for each request and writes it as a header when the response starts.</summary>
    public static IApplicationBuilder UseQueryCounting(IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var box = new StrongBox<int>();
        Current.Value = box;
        ctx.Response.OnStarting(() =>
        {
            ctx.Response.Headers[Header] = Volatile.Read(ref box.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next();
    });
}
