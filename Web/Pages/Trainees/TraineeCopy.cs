using Npgsql;
using NpgsqlTypes;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>Writes new trainees with one binary COPY stream: 10,000 rows in one round trip, inside the caller's transaction.</summary>
public static class TraineeCopy
{
    private const string Command =
        "COPY trainees (id, title, first_name, last_name, first_name_en, last_name_en, national_id_cipher, " +
        "national_id_hash, national_id_masked, birth_date, phone, email, line_id, province, community, " +
        "pdpa_consent_at, pdpa_consent_by, created_at) FROM STDIN (FORMAT BINARY)";

    /// <summary>The trainees must already carry their ids and sealed national-ID columns (COPY bypasses EF).</summary>
    public static async Task WriteAsync(NpgsqlConnection conn, IEnumerable<Trainee> people, DateTime now,
        CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(Command, ct);
        foreach (var t in people)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(t.Id, NpgsqlDbType.Bigint, ct);
            await WriteAsync(copy, t.Title, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.FirstName, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.LastName, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.FirstNameEn, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.LastNameEn, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(t.NationalIdCipher!, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(t.NationalIdHash!, NpgsqlDbType.Bytea, ct);
            await WriteAsync(copy, t.NationalIdMasked, NpgsqlDbType.Varchar, ct);
            if (t.BirthDate is { } birth) await copy.WriteAsync(birth, NpgsqlDbType.Date, ct);
            else await copy.WriteNullAsync(ct);
            await WriteAsync(copy, t.Phone, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.Email, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.LineId, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.Province, NpgsqlDbType.Varchar, ct);
            await WriteAsync(copy, t.Community, NpgsqlDbType.Varchar, ct);
            if (t.PdpaConsentAt is { } at) await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            else await copy.WriteNullAsync(ct);
            await WriteAsync(copy, t.PdpaConsentBy, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
        }
        try { await copy.CompleteAsync(ct); }
        catch (PostgresException e) when (e.SqlState == "23505")
        {
            // Someone registered one of these people between the caller's check and now: nothing was imported.
            throw new RuleViolationException(
                "Someone registered one of these people in the meantime. Nothing was imported; confirm again.");
        }
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
