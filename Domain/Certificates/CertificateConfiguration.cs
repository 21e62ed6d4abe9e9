using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Certificates;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.Property(c => c.Code).HasMaxLength(12);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.TraineeId);
        b.HasIndex(c => new { c.CohortId, c.Status });
        // One valid certificate per enrolment: a second bulk issue cannot add another, whatever runs it.
        b.HasIndex(c => c.EnrollmentId).IsUnique().HasFilter("status = 'Valid'");
        b.Property(c => c.HolderName).HasMaxLength(300);
        b.Property(c => c.HolderNameEn).HasMaxLength(300);
        b.Property(c => c.CourseTitle).HasMaxLength(500);
        b.Property(c => c.CourseTitleEn).HasMaxLength(500);
        b.Property(c => c.CohortName).HasMaxLength(300);
        b.Property(c => c.Hours).HasPrecision(6, 1);
        b.Property(c => c.RevokedReason).HasMaxLength(1000);
        b.Property(c => c.PdfSha256).HasMaxLength(64);
        b.Property(c => c.Signatories).HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<Signatory>>(v, Json) ?? new List<Signatory>(),
            new ValueComparer<List<Signatory>>(
                (a, c) => a!.SequenceEqual(c!),
                v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
                v => v.ToList()));
        b.Property(c => c.Version).IsRowVersion();
    }
}
