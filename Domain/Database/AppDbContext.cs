using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Organizations;

namespace PartnerPrograms.Domain.Database;

/// <summary>
/// The one DbContext. Features add their sets in partial files beside their entities and their mapping as
/// IEntityTypeConfiguration classes; names are snake_case, set here for every table, column, key and index.
/// </summary>
public partial class AppDbContext(DbContextOptions<AppDbContext> options, IDataScope? scope = null)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    /// <summary>Who is asking. Global query filters read these members, so EF evaluates them per context instance.</summary>
    public IDataScope Scope { get; } = scope ?? DataScope.Unrestricted;

    /// <summary>The partner organisation every query is limited to, or null for staff, jobs and the public.</summary>
    public long? ScopeOrganizationId => Scope.PartnerOrganizationId;
    /// <summary>The trainee every query is limited to for a participant, or null.</summary>
    public long? ScopeTraineeId => Scope.ParticipantTraineeId;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationContact> OrganizationContacts => Set<OrganizationContact>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutboxAttachment> OutboxAttachments => Set<OutboxAttachment>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The data version of the portal's figure cache (migration 0013: moved by every write to a table the dashboards
    /// read). A function, so a list page can read it in the same statement as its rows.
    /// </summary>
    [DbFunction("figure_data_version_value")]
    public static long FigureDataVersion() => throw new InvalidOperationException("Only inside a query.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<AppRole>().ToTable("roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>>().ToTable("role_claims");

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ApplyMouFilters(builder);
        ApplyTrainingFilters(builder);
        ApplyCertificateFilters(builder);
        ApplyCommunityFilters(builder);
        ApplySnakeCaseNames(builder);
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(MatchCount))!)
            .HasTranslation(_ => new Microsoft.EntityFrameworkCore.Query.SqlExpressions.SqlFunctionExpression(
                "count(*) over", [], nullable: false, argumentsPropagateNullability: [], typeof(long),
                new Microsoft.EntityFrameworkCore.Storage.LongTypeMapping("bigint")));
    }

    /// <summary>
    /// <c>count(*) over ()</c>: in a query's projection, how many rows it has before its own ORDER BY … LIMIT, counted in
    /// the same scan. Feed it from a fenced subquery (see the trainee search): at one level with ORDER BY … LIMIT,
    /// PostgreSQL 15 costs the window as if LIMIT could stop early and may walk a whole index to feed it.
    /// </summary>
    public static long MatchCount() => throw new NotSupportedException("MatchCount is translated to SQL; it only runs inside a query.");

    // Each feature implements its hook in its own partial file (e.g. Domain/Mous/AppDbContext.Mous.cs) with global query
    // filters that read ScopeOrganizationId / ScopeTraineeId on this instance, so EF parameterises them per request.
    partial void ApplyMouFilters(ModelBuilder builder);
    partial void ApplyTrainingFilters(ModelBuilder builder);
    partial void ApplyCertificateFilters(ModelBuilder builder);
    partial void ApplyCommunityFilters(ModelBuilder builder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as readable strings (as in eShop): the database stays legible and reordering is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private static void ApplySnakeCaseNames(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && entity.GetViewName() is null && !entity.IsOwned())
                entity.SetTableName(ToSnakeCase(table));
            foreach (var property in entity.GetProperties())
            {
                // A uint row version is PostgreSQL's xmin system column: never a real column of ours.
                if (property.IsConcurrencyToken && property.ClrType == typeof(uint))
                    property.SetColumnName("xmin");
                else
                    property.SetColumnName(ToSnakeCase(property.GetColumnName()));
            }
            foreach (var key in entity.GetKeys())
                key.SetName(ToSnakeCase(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(ToSnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                    (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
