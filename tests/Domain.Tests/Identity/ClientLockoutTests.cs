using System.Net;
using PartnerPrograms.Domain.Identity;

namespace PartnerPrograms.Domain.Tests.Identity;

public class ClientLockoutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private static ClientLockout Fail(ClientLockout state, int times, DateTimeOffset at)
    {
        for (var i = 0; i < times; i++) state = state.AfterFailure(at, 5, Lockout);
        return state;
    }

    [Fact]
    public void Five_failures_lock_the_client_for_the_lockout_period_then_it_counts_afresh()
    {
        var four = Fail(ClientLockout.None, 4, T0);
        four.IsLocked(T0).ShouldBeFalse();
        four.Failures.ShouldBe(4);

        var five = four.AfterFailure(T0, 5, Lockout);
        five.IsLocked(T0).ShouldBeTrue();
        five.IsLocked(T0 + Lockout - TimeSpan.FromSeconds(1)).ShouldBeTrue();
        five.IsLocked(T0 + Lockout).ShouldBeFalse();

        // After the lock one typo is one failure, not a new lock.
        var after = five.AfterFailure(T0 + Lockout + TimeSpan.FromMinutes(1), 5, Lockout);
        after.IsLocked(T0 + Lockout + TimeSpan.FromMinutes(1)).ShouldBeFalse();
        after.Failures.ShouldBe(1);
    }

    [Fact]
    public void Failures_during_a_lock_do_not_extend_it()
    {
        var locked = Fail(ClientLockout.None, 5, T0);
        var again = Fail(locked, 10, T0 + TimeSpan.FromMinutes(10));
        again.LockedUntil.ShouldBe(T0 + Lockout);
    }

    [Fact]
    public void Old_failures_are_forgotten()
    {
        var four = Fail(ClientLockout.None, 4, T0);
        var later = four.AfterFailure(T0 + Lockout + TimeSpan.FromSeconds(1), 5, Lockout);
        later.Failures.ShouldBe(1);
        later.IsLocked(T0 + Lockout + TimeSpan.FromSeconds(1)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Addresses_count_as_one_client_per_IPv4_address_and_per_IPv6_64(string? address, string key) =>
        ClientLockout.ClientKey(address is null ? null : IPAddress.Parse(address)).ShouldBe(key);
}
