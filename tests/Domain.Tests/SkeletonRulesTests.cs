using PartnerPrograms.Domain.Database;
using PartnerPrograms.Domain.Email;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Domain.Tests;

public class SkeletonRulesTests
{
    [Theory]
    [InlineData("NameTh", "name_th")]
    [InlineData("NormalizedUserName", "normalized_user_name")]
    [InlineData("IX_Users_OrganizationId", "ix_users_organization_id")]
    [InlineData("PK_AspNetUsers", "pk_asp_net_users")]
    [InlineData("Address2Line", "address2_line")]
    public void Names_become_snake_case(string name, string expected) => AppDbContext.ToSnakeCase(name).ShouldBe(expected);

    [Fact]
    public void Api_tokens_are_random_and_stored_only_as_a_hash()
    {
        var now = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        var (a, plainA) = ApiToken.Create(Guid.NewGuid(), "x", now, TimeSpan.FromDays(1));
        var (b, plainB) = ApiToken.Create(Guid.NewGuid(), "x", now, TimeSpan.FromDays(1));
        plainA.ShouldNotBe(plainB);
        a.TokenHash.ShouldBe(ApiToken.Hash(plainA));
        a.TokenHash.ShouldNotContain(plainA[3..]);
        plainA.Length.ShouldBeGreaterThanOrEqualTo(40);
        a.IsActive(now.AddHours(23)).ShouldBeTrue();
        a.IsActive(now.AddDays(1)).ShouldBeFalse();
        b.RevokedAt = now;
        b.IsActive(now).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Roles.Partner, null, null, "A partner user must belong to an organisation.")]
    [InlineData(Roles.Partner, 5L, null, null)]
    [InlineData(Roles.Participant, 5L, null, "A participant is not linked to an organisation.")]
    [InlineData(Roles.Participant, null, 9L, null)]
    [InlineData(Roles.Staff, null, 9L, "Only a participant is linked to a trainee record.")]
    [InlineData("Root", null, null, "Unknown role.")]
    public void Role_links_are_checked(string role, long? org, long? trainee, string? error) =>
        AppUser.ValidateRoleLinks(role, org, trainee).ShouldBe(error);

    [Fact]
    public void Outbox_backs_off_then_gives_up()
    {
        var now = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        var m = new OutboxMessage();
        m.RecordFailure("refused", now, maxAttempts: 3);
        m.Status.ShouldBe(OutboxStatus.Pending);
        m.NextAttemptAt.ShouldBe(now.AddMinutes(1));
        m.RecordFailure("refused", now, maxAttempts: 3);
        m.NextAttemptAt.ShouldBe(now.AddMinutes(2));
        m.RecordFailure("refused", now, maxAttempts: 3);
        m.Status.ShouldBe(OutboxStatus.Failed);
        m.Attempts.ShouldBe(3);
        OutboxMessage.BackOff(30).ShouldBe(TimeSpan.FromHours(6));
        m.Requeue(now);
        m.Status.ShouldBe(OutboxStatus.Pending);
        m.Attempts.ShouldBe(0);
        Should.Throw<InvalidOperationException>(() => m.Requeue(now));
    }
}
