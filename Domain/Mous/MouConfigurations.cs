using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Mous;

internal sealed class MouConfiguration : IEntityTypeConfiguration<Mou>
{
    public void Configure(EntityTypeBuilder<Mou> b)
    {
        b.Property(m => m.Code).HasMaxLength(40);
        b.Property(m => m.Title).HasMaxLength(500);
        b.Property(m => m.Purpose).HasMaxLength(8000);
        b.Property(m => m.TerminationReason).HasMaxLength(2000);
        b.Property(m => m.Version).IsRowVersion();
        b.HasIndex(m => m.Code).IsUnique();
        b.HasIndex(m => m.Status);
        b.HasOne<Mou>().WithMany().HasForeignKey(m => m.RenewsMouId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Parties).WithOne().HasForeignKey(p => p.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MouId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MouPartyConfiguration : IEntityTypeConfiguration<MouParty>
{
    public void Configure(EntityTypeBuilder<MouParty> b)
    {
        b.Property(p => p.SignatoryName).HasMaxLength(200);
        b.Property(p => p.SignatoryPosition).HasMaxLength(300);
        b.Property(p => p.Duties).HasMaxLength(4000);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.MouId, p.OrganizationId }).IsUnique();
        b.HasIndex(p => p.OrganizationId);
    }
}

internal sealed class MouItemConfiguration : IEntityTypeConfiguration<MouItem>
{
    public void Configure(EntityTypeBuilder<MouItem> b)
    {
        b.Property(i => i.Title).HasMaxLength(1000);
        b.Property(i => i.Description).HasMaxLength(8000);
        b.HasMany(i => i.Actions).WithOne().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.MouId);
    }
}

internal sealed class MouActionConfiguration : IEntityTypeConfiguration<MouAction>
{
    public void Configure(EntityTypeBuilder<MouAction> b)
    {
        b.Property(a => a.Title).HasMaxLength(1000);
        b.Property(a => a.ContactName).HasMaxLength(200);
        b.Property(a => a.Version).IsRowVersion();
        b.HasOne<Mou>().WithMany().HasForeignKey(a => a.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.ResponsibleOrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.MouId);
        b.HasIndex(a => new { a.ResponsibleOrganizationId, a.DueDate });
    }
}

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> b)
    {
        b.Property(u => u.Text).HasMaxLength(4000);
        b.Property(u => u.PostedByName).HasMaxLength(200);
        b.HasOne<Mou>().WithMany().HasForeignKey(u => u.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MouAttachment>().WithMany().HasForeignKey(u => u.AttachmentId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(u => u.ActionId);
    }
}

internal sealed class MouAttachmentConfiguration : IEntityTypeConfiguration<MouAttachment>
{
    public void Configure(EntityTypeBuilder<MouAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(300);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.UploadedByName).HasMaxLength(200);
        b.HasOne<Mou>().WithMany().HasForeignKey(a => a.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.MouId);
    }
}

internal sealed class MouAuditEntryConfiguration : IEntityTypeConfiguration<MouAuditEntry>
{
    public void Configure(EntityTypeBuilder<MouAuditEntry> b)
    {
        b.ToTable("mou_audit");
        b.Property(a => a.UserName).HasMaxLength(200);
        b.Property(a => a.Entity).HasMaxLength(40);
        b.Property(a => a.Change).HasMaxLength(4000);
        b.HasOne<Mou>().WithMany().HasForeignKey(a => a.MouId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.MouId, a.At });
    }
}
