using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Database;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Role).HasMaxLength(20);
        b.Property(u => u.PreferredLanguage).HasMaxLength(5);
        b.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.OrganizationId);
        b.HasIndex(u => u.TraineeId).IsUnique();
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.NameTh).HasMaxLength(300);
        b.Property(o => o.NameEn).HasMaxLength(300);
        b.Property(o => o.ShortName).HasMaxLength(50);
        b.Property(o => o.Address).HasMaxLength(1000);
        b.Property(o => o.Province).HasMaxLength(100);
        b.Property(o => o.Version).IsRowVersion();
        b.HasMany(o => o.Contacts).WithOne().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => o.NameTh).IsUnique();
    }
}

internal sealed class OrganizationContactConfiguration : IEntityTypeConfiguration<OrganizationContact>
{
    public void Configure(EntityTypeBuilder<OrganizationContact> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Position).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(256);
        b.Property(c => c.Phone).HasMaxLength(50);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("email_outbox");
        b.Property(m => m.DedupeKey).HasMaxLength(300);
        b.HasIndex(m => m.DedupeKey).IsUnique();
        b.Property(m => m.To).HasMaxLength(1000);
        b.Property(m => m.Cc).HasMaxLength(1000);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Language).HasMaxLength(5);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> b)
    {
        b.ToTable("email_outbox_attachments");
        b.Property(a => a.FileName).HasMaxLength(300);
        b.Property(a => a.ContentType).HasMaxLength(100);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
