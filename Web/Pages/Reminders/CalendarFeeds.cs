using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Email;

namespace PartnerPrograms.Web.Pages.Reminders;

/// <summary>
/// Secret feed addresses. Looked up by SHA-256; kept encrypted with data protection so the same address can be shown
/// again; "new address" replaces it (the old one stops working).
/// </summary>
public sealed class CalendarFeeds(AppDbContext db, IDataProtectionProvider protection, IOptions<PortalOptions> options, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("PartnerPrograms.CalendarFeed.v1");

    public async Task<string> UrlAsync(Guid userId)
    {
        var feed = await db.CalendarFeeds.SingleOrDefaultAsync(f => f.UserId == userId);
        var token = feed is null ? await CreateAsync(userId) : _protector.Unprotect(feed.TokenProtected);
        return options.Value.Url($"/calendar/{token}.ics");
    }

    public async Task<string> RegenerateAsync(Guid userId)
    {
        await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync();
        await CreateAsync(userId);
        return await UrlAsync(userId);
    }

    public async Task<Guid?> ResolveAsync(string token)
    {
        var hash = ApiToken.Hash(token);
        return await db.CalendarFeeds.Where(f => f.TokenHash == hash)
            .Join(db.Users.Where(u => !u.IsDisabled), f => f.UserId, u => u.Id, (f, u) => (Guid?)f.UserId).SingleOrDefaultAsync();
    }

    private async Task<string> CreateAsync(Guid userId)
    {
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        db.CalendarFeeds.Add(new CalendarFeed
        {
            UserId = userId,
            TokenHash = ApiToken.Hash(token),
            TokenProtected = _protector.Protect(token),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return token;
    }
}
