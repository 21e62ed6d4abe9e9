using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Domain.Training;

internal sealed class TraineeConfiguration : IEntityTypeConfiguration<Trainee>
{
    public void Configure(EntityTypeBuilder<Trainee> b)
    {
        b.Property(t => t.Title).HasMaxLength(50);
        b.Property(t => t.FirstName).HasMaxLength(100).UseCollation(ThaiCollation.Name);
        b.Property(t => t.LastName).HasMaxLength(100).UseCollation(ThaiCollation.Name);
        b.Property(t => t.FirstNameEn).HasMaxLength(100);
        b.Property(t => t.LastNameEn).HasMaxLength(100);
        b.Ignore(t => t.NationalId);
        b.Property(t => t.NationalIdMasked).HasMaxLength(20);
        b.Property(t => t.Phone).HasMaxLength(50);
        b.Property(t => t.PhoneDigits)
            .HasComputedColumnSql(
                "regexp_replace(translate(phone, '๐๑๒๓๔๕๖๗๘๙', '0123456789'), '[^0-9]', '', 'g')", stored: true);
        b.Property(t => t.Email).HasMaxLength(256);
        b.Property(t => t.LineId).HasMaxLength(100);
        b.Property(t => t.Province).HasMaxLength(100);
        b.Property(t => t.Community).HasMaxLength(300);
        b.Property(t => t.PdpaConsentBy).HasMaxLength(200);
        b.Property(t => t.Version).IsRowVersion();
        b.Ignore(t => t.FullName);
        b.HasIndex(t => t.NationalIdHash).IsUnique();
        b.HasIndex(t => new { t.FirstName, t.LastName });
        b.HasMany(t => t.Enrollments).WithOne(e => e.Trainee).HasForeignKey(e => e.TraineeId).OnDelete(DeleteBehavior.Restrict);
        // users.trainee_id (skeleton column) now points at its trainee.
        b.HasMany<AppUser>().WithOne().HasForeignKey(u => u.TraineeId).OnDelete(DeleteBehavior.SetNull);
    }
}
