using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Privacy;

internal sealed class PersonalDataAuditEntryConfiguration : IEntityTypeConfiguration<PersonalDataAuditEntry>
{
    public void Configure(EntityTypeBuilder<PersonalDataAuditEntry> b)
    {
        b.ToTable("personal_data_audit");
        b.Property(a => a.UserName).HasMaxLength(200);
        b.HasOne<Trainee>().WithMany().HasForeignKey(a => a.TraineeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.TraineeId, a.At });
        b.HasIndex(a => a.UserId);
    }
}
