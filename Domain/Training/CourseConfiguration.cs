using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPrograms.Domain.Training;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.Property(c => c.TitleTh).HasMaxLength(300).UseCollation(ThaiCollation.Name);
        b.Property(c => c.TitleEn).HasMaxLength(300);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.Syllabus).HasMaxLength(8000);
        b.Property(c => c.Hours).HasColumnType("numeric");
        b.Property(c => c.PassMark).HasColumnType("numeric");
        b.Property(c => c.Version).IsRowVersion();
        b.Ignore(c => c.Rule);
        b.HasIndex(c => c.TitleTh).IsUnique();
    }
}
