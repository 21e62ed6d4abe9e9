using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouAuditEntryConfiguration : IEntityTypeConfiguration<MouAuditEntry>
{
    public void Configure(EntityTypeBuilder<MouAuditEntry> b)
    {
        b.ToTable("mou_audit");
        b.Property(a => a.UserName).HasMaxLength(200);
        b.Property(a => a.Entity).HasMaxLength(40);
        b.Property(a => a.Change).HasMaxLength(4000);
        b.Property(a => a.Phrases).HasColumnType("jsonb");
        b.HasOne<Mou>().WithMany().HasForeignKey(a => a.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.MouId, a.At });
    }
}
