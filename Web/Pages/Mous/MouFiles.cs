using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>
/// The files of an MOU, for the pages and the API alike: attachments in and out, the agreement and the progress
/// report as PDFs. Reads go through the scoped DbContext, so a record outside the caller's scope is not found.
/// </summary>
public sealed class MouFiles(AppDbContext db, MouAudit audit, MouDocuments documents, TimeProvider clock)
{
    /// <summary>Attaches a file to the MOU itself (staff), e.g. the signed scan. Returns the attachment's id.</summary>
    public async Task<long> AttachAsync(long mouId, UploadedFile? file, MouActor actor)
    {
        await EnsureMayAttachAsync(mouId, actor);
        return await StoreAsync(mouId, file, actor);
    }

    /// <summary>The same from a form: the upload is read only once the caller may attach.</summary>
    public async Task<long> AttachAsync(long mouId, IFormFile? upload, MouActor actor)
    {
        await EnsureMayAttachAsync(mouId, actor);
        return await StoreAsync(mouId, await ReadAsync(upload), actor);
    }

    private async Task EnsureMayAttachAsync(long mouId, MouActor actor)
    {
        if (!await db.Mous.AnyAsync(m => m.Id == mouId)) throw new NotFoundException();
        actor.EnsureStaff("Only foundation staff attach files to an MOU.");
    }

    private async Task<long> StoreAsync(long mouId, UploadedFile? file, MouActor actor)
    {
        if (file is null) throw new RuleViolationException("Choose a file.", "file");
        await using var tx = await db.Database.BeginTransactionAsync();
        var attachment = await AddAsync(mouId, file, actor);
        audit.Record(mouId, actor, "Attachment", attachment.Id, AuditPhrase.Of(
            "Attached {0} ({1} bytes)", AuditArg.Text(attachment.FileName), AuditArg.Number(attachment.Size)));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return attachment.Id;
    }

    /// <summary>Checks and stores a file, within the caller's transaction.</summary>
    public async Task<MouAttachment> AddAsync(long mouId, UploadedFile file, MouActor actor)
    {
        var type = MouRules.CheckAttachment(file.FileName, file.Content);
        var name = Path.GetFileName(file.FileName).Trim();
        var attachment = new MouAttachment
        {
            MouId = mouId,
            FileName = name.Length == 0 ? "file" : name.Length > 300 ? name[^300..] : name,
            ContentType = type,
            Size = file.Content.Length,
            Content = file.Content,
            UploadedAt = audit.Now,
            UploadedByName = actor.Name,
        };
        db.MouAttachments.Add(attachment);
        await db.SaveChangesAsync();
        return attachment;
    }

    /// <summary>Reads an upload within the size limit (one byte over is enough to refuse); null when none was
    /// sent.</summary>
    public static async Task<UploadedFile?> ReadAsync(IFormFile? file, string field = "file")
    {
        if (file is null || file.Length == 0) return null;
        if (file.Length > MouRules.MaxAttachmentBytes)
            throw new RuleViolationException("The file is larger than 5 MB.", field);
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        return new UploadedFile(file.FileName, ms.ToArray());
    }

    public Task<DownloadFile?> AttachmentAsync(long mouId, long attachmentId) =>
        db.MouAttachments.AsNoTracking().Where(a => a.Id == attachmentId && a.MouId == mouId)
            .Select(a => new DownloadFile(a.Content, a.ContentType, a.FileName)).SingleOrDefaultAsync();

    public async Task<DownloadFile?> AgreementAsync(long mouId, CancellationToken ct) =>
        await MouQueries.DetailAsync(db, mouId) is { } m
            ? new DownloadFile(await documents.AgreementPdfAsync(m, ct), "application/pdf", $"{m.Code}.pdf")
            : null;

    public async Task<DownloadFile?> ProgressAsync(long mouId, CancellationToken ct) =>
        await MouQueries.DetailAsync(db, mouId) is { } m
            ? new DownloadFile(await documents.ProgressPdfAsync(m, Dates.TodayInBangkok(clock), ct), "application/pdf",
                $"{m.Code}-progress.pdf")
            : null;
}
