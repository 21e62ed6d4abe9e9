using PartnerPrograms.Domain.Email;

namespace PartnerPrograms.Jobs.Email;

/// <summary>Queues a message in the caller's unit of work: it is committed, or not, together with the change.</summary>
public static class EmailOutbox
{
    public static async Task<bool> QueueAsync(AppDbContext db, OutboxMessage message, CancellationToken ct = default)
    {
        if (db.OutboxMessages.Local.Any(m => m.DedupeKey == message.DedupeKey) ||
            await db.OutboxMessages.AnyAsync(m => m.DedupeKey == message.DedupeKey, ct))
            return false;
        db.OutboxMessages.Add(message);
        return true;
    }
}
