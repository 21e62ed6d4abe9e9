using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Communities;

/// <summary>JSON documents in jsonb columns through a plain string conversion (no dynamic-JSON setup on the data source).</summary>
internal static class Jsonb
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> AsJsonb<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                s => JsonSerializer.Deserialize<T>(s, Options)!,
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!))
            .HasColumnType("jsonb");
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> b)
    {
        b.Property(c => c.Name).HasMaxLength(300);
        // Plain numeric (the values are rounded to 6 places in code): the schema test compares types without precision.
        b.Property(c => c.Latitude).HasColumnType("numeric");
        b.Property(c => c.Longitude).HasColumnType("numeric");
        b.Property(c => c.ContactName).HasMaxLength(200);
        b.Property(c => c.ContactPhone).HasMaxLength(50);
        b.Property(c => c.ContactEmail).HasMaxLength(256);
        b.Property(c => c.Notes).HasMaxLength(4000);
        b.Property(c => c.OverrideReason).HasMaxLength(2000);
        b.Property(c => c.OverriddenBy).HasMaxLength(200);
        b.Property(c => c.Version).IsRowVersion();
        b.HasOne<SubDistrict>().WithMany().HasForeignKey(c => c.SubDistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<District>().WithMany().HasForeignKey(c => c.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Province>().WithMany().HasForeignKey(c => c.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Partners).WithOne().HasForeignKey(p => p.CommunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Assessments).WithOne(a => a.Community).HasForeignKey(a => a.CommunityId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.Category, c.ProvinceId });
        b.HasIndex(c => new { c.Region, c.Category });
        b.HasIndex(c => c.ProvinceId);
        b.HasIndex(c => new { c.SubDistrictId, c.VillageNo, c.Name }).IsUnique();
    }
}

internal sealed class CommunityPartnerConfiguration : IEntityTypeConfiguration<CommunityPartner>
{
    public void Configure(EntityTypeBuilder<CommunityPartner> b)
    {
        b.HasKey(p => new { p.CommunityId, p.OrganizationId });
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.OrganizationId);
    }
}

internal sealed class CommunityAssessmentConfiguration : IEntityTypeConfiguration<CommunityAssessment>
{
    public void Configure(EntityTypeBuilder<CommunityAssessment> b)
    {
        b.Property(a => a.Assessor).HasMaxLength(200);
        b.Property(a => a.Notes).HasMaxLength(4000);
        b.Property(a => a.RecordedBy).HasMaxLength(200);
        b.Property(a => a.TourismScore).HasColumnType("numeric");
        b.Property(a => a.Scores).AsJsonb();
        b.Property(a => a.Reasons).AsJsonb();
        b.HasOne(a => a.Rubric).WithMany().HasForeignKey(a => a.RubricId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.CommunityId, a.AssessedOn });
        b.HasIndex(a => a.RubricId);
    }
}

internal sealed class RubricConfiguration : IEntityTypeConfiguration<Rubric>
{
    public void Configure(EntityTypeBuilder<Rubric> b)
    {
        b.ToTable("community_rubrics");
        b.Property(r => r.Definition).AsJsonb();
        b.Property(r => r.CreatedBy).HasMaxLength(200);
        b.Property(r => r.ChangeNote).HasMaxLength(1000);
        b.HasIndex(r => r.Version).IsUnique();
    }
}

internal sealed class CommunityImportConfiguration : IEntityTypeConfiguration<CommunityImport>
{
    public void Configure(EntityTypeBuilder<CommunityImport> b)
    {
        b.Property(i => i.FileName).HasMaxLength(300);
        b.Property(i => i.Rows).HasColumnType("jsonb");
        b.HasIndex(i => i.CreatedAt);
    }
}
