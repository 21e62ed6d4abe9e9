using System.Net;
using System.Net.Sockets;

namespace PartnerPrograms.Domain.Identity;

/// <summary>
/// Failed sign-ins to one account from one client address. Failures from a client lock that client out of that
/// account for a while; the real user at another address is not affected. (An account-wide lock, at a much higher
/// count, stays as a backstop against guessing from many addresses.)
/// </summary>
public sealed record ClientLockout(int Failures, DateTimeOffset LastFailureAt, DateTimeOffset? LockedUntil)
{
    public static readonly ClientLockout None = new(0, DateTimeOffset.MinValue, null);

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    /// <summary>
    /// The state after one more failure. Failures older than the lockout period are forgotten, and a lock that has run
    /// out starts a fresh count, so an occasional typo never adds up to a lock.
    /// </summary>
    public ClientLockout AfterFailure(DateTimeOffset now, int maxFailures, TimeSpan lockout)
    {
        if (IsLocked(now)) return this with { LastFailureAt = now };
        var stale = LockedUntil is not null || now - LastFailureAt > lockout;
        var failures = (stale ? 0 : Failures) + 1;
        return failures >= maxFailures ? new ClientLockout(0, now, now + lockout) : new ClientLockout(failures, now, null);
    }

    /// <summary>
    /// Which client an address counts as: an IPv4 address by itself, IPv6 by its /64 (one household or server gets a
    /// whole /64, so single IPv6 addresses would give an attacker unlimited fresh clients). No address (a test server, a
    /// local call) is one client.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
