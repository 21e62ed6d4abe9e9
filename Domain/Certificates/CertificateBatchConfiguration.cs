using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Certificates;

internal sealed class CertificateBatchConfiguration : IEntityTypeConfiguration<CertificateBatch>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<CertificateBatch> b)
    {
        b.ToTable("certificate_batches");
        b.Property(x => x.Status).HasMaxLength(40);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => x.CohortId);
        b.HasIndex(x => x.CohortId, "ux_certificate_batches_one_active_per_cohort").IsUnique().HasFilter("status IN ('Queued', 'Running')");
        b.HasOne<Training.Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Signatories).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<Signatory>>(v, Json) ?? new List<Signatory>(),
            new ValueComparer<List<Signatory>>(
                (a, c) => a!.SequenceEqual(c!),
                v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
                v => v.ToList()));
    }
}
