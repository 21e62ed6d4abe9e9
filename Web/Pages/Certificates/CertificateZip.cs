using System.IO.Compression;
using System.Text;
using PartnerPrograms.Domain.Certificates;

namespace PartnerPrograms.Web.Pages.Certificates;

/// <summary>A cohort's certificates in one ZIP, and the file name each certificate PDF goes by everywhere.</summary>
public sealed class CertificateZip(AppDbContext db)
{
    /// <summary>Every valid certificate of the cohort in one ZIP, UTF-8 names such as
    /// "นางสาวญาณี ปิ่นแก้วฟ้า K7QF-3M9D-XA.pdf".</summary>
    public async Task<byte[]> BuildAsync(long cohortId, CancellationToken ct = default)
    {
        var ids = await db.Certificates.AsNoTracking()
            .Where(c => c.CohortId == cohortId && c.Status == CertificateStatus.Valid && c.Pdf != null)
            .OrderBy(c => c.HolderName).ThenBy(c => c.Code).Select(c => c.Id).ToListAsync(ct);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, true, Encoding.UTF8))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            // 50 PDFs in memory at a time, not the whole cohort's.
            foreach (var chunk in ids.Chunk(50))
            {
                var files = await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Id))
                    .Select(c => new { c.Id, c.HolderName, c.Code, c.Pdf }).ToListAsync(ct);
                foreach (var f in files.OrderBy(f => Array.IndexOf(chunk, f.Id)))
                {
                    var name = FileName(f.HolderName, f.Code);
                    if (!names.Add(name)) continue;
                    var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                    await using var s = await entry.OpenAsync(ct);
                    await s.WriteAsync(f.Pdf!, ct);
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A file name from the holder's name and the code, Thai kept; characters file systems refuse become
    /// spaces.</summary>
    public static string FileName(string holderName, string code)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(holderName.Select(ch => invalid.Contains(ch) || char.IsControl(ch) ? ' ' : ch)
            .ToArray());
        clean = string.Join(' ', clean.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $"{clean} {code}.pdf".TrimStart();
    }
}
