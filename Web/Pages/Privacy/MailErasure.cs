using System.Net;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Privacy;

/// <summary>
/// The e-mail side of an erasure, inside its transaction. By recipient: every message to or copied to one of the
/// person's addresses is deleted with its attachments, and the reminder-log rows keyed to them go. By content:
/// messages to others that name the person (a staff digest listing trainees who fell behind, a message quoting their
/// e-mail, national ID, phone or certificate code) keep going out, with each of those replaced; an attachment holding
/// one of their certificates (by code in its name or by the PDF's SHA-256) is deleted. Whatever the status: sent
/// copies are records like any other.
/// </summary>
public sealed class MailErasure(AppDbContext db)
{
    /// <summary>What identifies the person in a message, collected before the record is anonymised.</summary>
    public sealed record Traces(IReadOnlyList<string> Emails, IReadOnlyList<string> Names, IReadOnlyList<string> Identifiers,
        IReadOnlyList<string> CertificateCodes, IReadOnlyList<string> CertificateHashes, IReadOnlyList<string> RecipientKeys);

    public sealed record Result(int Deleted, int Redacted, int Attachments, int ReminderLog);

    public static Traces Collect(Trainee t, string? nationalId, IEnumerable<Certificate> certificates, IEnumerable<AppUser> accounts, NationalIdProtector keys)
    {
        var certs = certificates.ToList();
        var emails = new[] { t.Email }.Concat(accounts.Select(a => a.Email)).OfType<string>().Select(e => e.Trim()).Where(e => e.Contains('@'))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var names = new[] { t.FullName, $"{t.FirstName} {t.LastName}", $"{t.FirstNameEn} {t.LastNameEn}" }
            .Concat(certs.SelectMany(c => new[] { c.HolderName, c.HolderNameEn }))
            .OfType<string>().Select(n => n.Trim()).Where(n => n.Length >= 3 && n.Contains(' ', StringComparison.Ordinal));
        var identifiers = new List<string>(emails);
        if (nationalId is { Length: 13 }) identifiers.AddRange([nationalId, NationalId.Format(nationalId)]);
        if (t.Phone is { } phone && phone.Count(char.IsAsciiDigit) >= 9) identifiers.Add(phone.Trim());
        if (t.LineId is { Length: >= 5 } line) identifiers.Add(line.Trim());
        var recipientKeys = emails.SelectMany(e => new[] { RecipientKeys.ForEmail(e, keys), RecipientKeys.EmailPrefix + e.ToLowerInvariant() })
            .Append("trainee:" + t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return new Traces(emails, names.Distinct().ToList(), identifiers.Distinct().ToList(), certs.Select(c => c.Code).ToList(),
            certs.Select(c => c.PdfSha256).OfType<string>().ToList(), recipientKeys);
    }

    public async Task<Result> EraseAsync(Traces traces, CancellationToken ct = default)
    {
        var lowered = traces.Emails.Select(e => e.ToLowerInvariant()).ToArray();
        // Attachments first: those of messages that are about to be deleted go with them anyway.
        var attachments = traces.CertificateCodes.Count == 0 ? 0 : await db.Database.ExecuteSqlInterpolatedAsync($"""
            delete from email_outbox_attachments
            where exists (select 1 from unnest({traces.CertificateCodes.ToArray()}) as c(code) where strpos(file_name, c.code) > 0)
               or encode(sha256(content), 'hex') = any({traces.CertificateHashes.Select(h => h.ToLowerInvariant()).ToArray()})
            """, ct);
        var deleted = lowered.Length == 0 ? 0 : await db.Database.ExecuteSqlInterpolatedAsync($"""
            delete from email_outbox
            where exists (select 1 from unnest({lowered}) as e(address)
                          where strpos(lower("to"), e.address) > 0 or strpos(lower(coalesce(cc, '')), e.address) > 0)
            """, ct);

        // Longest first, so a titled name is replaced whole before the name inside it.
        var replacements = traces.Names.Select(n => (Text: n, By: Trainee.ErasedName))
            .Concat(traces.Identifiers.Concat(traces.CertificateCodes).Select(i => (Text: i, By: "–")))
            .SelectMany(r => new[] { r, (Text: WebUtility.HtmlEncode(r.Text), r.By) }).DistinctBy(r => r.Text)
            .OrderByDescending(r => r.Text.Length).ToList();
        var redacted = new HashSet<long>();
        foreach (var (text, by) in replacements)
        {
            var ids = await db.Database.SqlQuery<long>($"""
                update email_outbox set subject = left(replace(subject, {text}, {by}), 500), html_body = replace(html_body, {text}, {by}),
                    text_body = replace(text_body, {text}, {by}), last_error = replace(last_error, {text}, {by})
                where strpos(subject, {text}) > 0 or strpos(html_body, {text}) > 0 or strpos(text_body, {text}) > 0 or strpos(last_error, {text}) > 0
                returning id as "Value"
                """).ToListAsync(ct);
            redacted.UnionWith(ids);
        }
        var log = await db.ReminderLog.Where(r => traces.RecipientKeys.Contains(r.RecipientKey)).ExecuteDeleteAsync(ct);
        return new Result(deleted, redacted.Count, attachments, log);
    }
}
