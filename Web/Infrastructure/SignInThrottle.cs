using Npgsql;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The failures of each (account, client) pair, in the database (table sign_in_client_failures), so every web instance
/// counts the same failures. The rule itself is <see cref="ClientLockout"/>.
/// </summary>
public sealed class SignInThrottle(PortalDatabase database, Microsoft.Extensions.Options.IOptions<SignInLockoutOptions> options, TimeProvider clock)
{
    public async Task<bool> IsLockedAsync(Guid userId, string client)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT locked_until FROM sign_in_client_failures WHERE user_id = @u AND client = @c", conn);
        AddKey(cmd, userId, client);
        return await cmd.ExecuteScalarAsync() is DateTime until && Utc(until) > clock.GetUtcNow();
    }

    /// <summary>Counts one failure; true when it locks the client out.</summary>
    public async Task<bool> FailAsync(Guid userId, string client)
    {
        var now = clock.GetUtcNow();
        await using var conn = await OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // The row lock makes simultaneous failures from one client count one after the other.
        await using (var insert = new NpgsqlCommand(
                         "INSERT INTO sign_in_client_failures (user_id, client, failures, last_failure_at) " +
                         "VALUES (@u, @c, 0, @now) ON CONFLICT DO NOTHING", conn, tx))
        {
            AddKey(insert, userId, client);
            insert.Parameters.AddWithValue("now", now.UtcDateTime);
            await insert.ExecuteNonQueryAsync();
        }
        ClientLockout state;
        await using (var select = new NpgsqlCommand(
                         "SELECT failures, last_failure_at, locked_until FROM sign_in_client_failures " +
                         "WHERE user_id = @u AND client = @c FOR UPDATE", conn, tx))
        {
            AddKey(select, userId, client);
            await using var r = await select.ExecuteReaderAsync();
            await r.ReadAsync();
            state = new ClientLockout(r.GetInt32(0), Utc(r.GetDateTime(1)), r.IsDBNull(2) ? null : Utc(r.GetDateTime(2)));
        }
        var next = state.AfterFailure(now, options.Value.MaxFailuresPerClient, options.Value.Lockout);
        await using (var update = new NpgsqlCommand(
                         "UPDATE sign_in_client_failures SET failures = @f, last_failure_at = @at, locked_until = @until " +
                         "WHERE user_id = @u AND client = @c", conn, tx))
        {
            AddKey(update, userId, client);
            update.Parameters.AddWithValue("f", next.Failures);
            update.Parameters.AddWithValue("at", next.LastFailureAt.UtcDateTime);
            update.Parameters.Add(new NpgsqlParameter("until", NpgsqlTypes.NpgsqlDbType.TimestampTz)
            {
                Value = (object?)next.LockedUntil?.UtcDateTime ?? DBNull.Value,
            });
            await update.ExecuteNonQueryAsync();
        }
        // Addresses are personal data: rows a day past their last failure (and their lock) are of no use any more.
        await using (var purge = new NpgsqlCommand(
                         "DELETE FROM sign_in_client_failures " +
                         "WHERE last_failure_at < @cutoff AND (locked_until IS NULL OR locked_until < @now)", conn, tx))
        {
            purge.Parameters.AddWithValue("cutoff", (now - TimeSpan.FromDays(1)).UtcDateTime);
            purge.Parameters.AddWithValue("now", now.UtcDateTime);
            await purge.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return next.IsLocked(now);
    }

    /// <summary>A successful sign-in from this client forgets its failures.</summary>
    public async Task ClearAsync(Guid userId, string client)
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand("DELETE FROM sign_in_client_failures WHERE user_id = @u AND client = @c", conn);
        AddKey(cmd, userId, client);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    private static void AddKey(NpgsqlCommand cmd, Guid userId, string client)
    {
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("c", client);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
