using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Privacy;

/// <summary>
/// Before a save, every added or changed trainee whose NationalId was set in this unit of work gets its encrypted,
/// hashed and masked columns filled. The plain value is never mapped, so it cannot reach the database by mistake;
/// a trainee added without it fails the table's check constraint instead of being stored without an ID.
/// </summary>
public sealed class NationalIdSealingInterceptor : SaveChangesInterceptor
{
    private readonly Lazy<NationalIdProtector> _protector;

    public NationalIdSealingInterceptor(NationalIdProtector protector) => _protector = new Lazy<NationalIdProtector>(protector);

    /// <summary>The keys are read at the first save, so commands that never write trainees (schema-script) need none.</summary>
    public NationalIdSealingInterceptor(Func<NationalIdProtector> protector) => _protector = new Lazy<NationalIdProtector>(protector);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Seal(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Seal(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Seal(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<Trainee>())
            if (entry.State is EntityState.Added or EntityState.Modified && !string.IsNullOrEmpty(entry.Entity.NationalId))
                _protector.Value.Seal(entry.Entity);
    }
}

public static class NationalIdProtectionExtensions
{
    /// <summary>Registers the interceptor on a DbContext's options (the app does this; so must any tool that adds trainees through EF).</summary>
    public static DbContextOptionsBuilder UseNationalIdProtection(this DbContextOptionsBuilder options, NationalIdProtector protector) =>
        options.AddInterceptors(new NationalIdSealingInterceptor(protector));
}
