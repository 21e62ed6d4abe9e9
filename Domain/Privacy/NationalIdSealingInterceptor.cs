using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// Before a save, every added or changed trainee whose NationalId was set in this unit of work gets its encrypted,
/// hashed and masked columns filled. The plain value is never mapped, so it cannot reach the database by mistake;
/// a trainee added without it fails the table's check constraint instead of being stored without an ID. The
/// ciphertext is bound to the trainee's id, so a new trainee's id is reserved from the table's sequence first (one
/// round trip for all of them) and inserted explicitly.
/// </summary>
public sealed class NationalIdSealingInterceptor : SaveChangesInterceptor
{
    private readonly Lazy<NationalIdProtector> _protector;

    public NationalIdSealingInterceptor(NationalIdProtector protector) => _protector = new Lazy<NationalIdProtector>(protector);

    /// <summary>The keys are read at the first save, so commands that never write trainees (schema-script) need none.</summary>
    public NationalIdSealingInterceptor(Func<NationalIdProtector> protector) => _protector = new Lazy<NationalIdProtector>(protector);

    private const string ReserveIds = "select nextval(pg_get_serial_sequence('trainees', 'id')) as \"Value\" from generate_series(1, {0})";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            var (toSeal, needIds) = Pending(context);
            if (needIds.Count > 0) AssignIds(needIds, context.Database.SqlQueryRaw<long>(ReserveIds, needIds.Count).ToList());
            Seal(toSeal);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var (toSeal, needIds) = Pending(context);
            if (needIds.Count > 0) AssignIds(needIds, await context.Database.SqlQueryRaw<long>(ReserveIds, needIds.Count).ToListAsync(cancellationToken));
            Seal(toSeal);
        }
        return result;
    }

    private static (List<EntityEntry<Trainee>> ToSeal, List<EntityEntry<Trainee>> NeedIds) Pending(DbContext context)
    {
        var toSeal = context.ChangeTracker.Entries<Trainee>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && !string.IsNullOrEmpty(e.Entity.NationalId)).ToList();
        return (toSeal, toSeal.Where(e => e.State == EntityState.Added && e.Entity.Id == 0).ToList());
    }

    private static void AssignIds(List<EntityEntry<Trainee>> entries, List<long> ids)
    {
        // Set through the entry (not the entity) so EF takes it as the real key, replacing its temporary one and fixing
        // up the enrolments or accounts added with the trainee.
        for (var i = 0; i < entries.Count; i++) entries[i].Property(t => t.Id).CurrentValue = ids[i];
    }

    private void Seal(List<EntityEntry<Trainee>> entries)
    {
        foreach (var entry in entries) _protector.Value.Seal(entry.Entity);
    }
}
