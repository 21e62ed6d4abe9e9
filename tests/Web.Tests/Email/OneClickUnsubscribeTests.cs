using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Domain.Organizations;
using PartnerPrograms.Domain.Reminders;
using PartnerPrograms.Jobs.Reminders;

namespace PartnerPrograms.Web.Tests.Email;

/// <summary>RFC 8058: a reminder carries List-Unsubscribe and List-Unsubscribe-Post, and a mail client's POST to it turns the kind off.</summary>
public sealed class OneClickUnsubscribeTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private OutboxHarness _h = null!;
    private AppUser _partner = null!;

    public async Task InitializeAsync()
    {
        _h = await OutboxHarness.StartAsync();
        var gsb = await _h.App.CreateOrganizationAsync("ธนาคารออมสิน", OrganizationKind.Bank);
        _partner = await _h.App.CreateUserAsync("gsb@example.org", Roles.Partner, gsb.Id, name: "วิภาวรรณ ออมทรัพย์");
        await _h.App.DbAsync(async db =>
        {
            var mou = new Mou
            {
                Code = "MOU-2569-007",
                Title = "หลักสูตรการเงินชุมชน",
                Status = MouStatus.Active,
                StartDate = Today.AddDays(-100),
                EndDate = Today.AddDays(300),
                SigningDate = Today.AddDays(-100),
                Parties = [new MouParty { OrganizationId = gsb.Id, Role = PartyRole.Partner, SignatoryName = "ข" }],
            };
            db.Mous.Add(mou);
            await db.SaveChangesAsync();
            var item = new MouItem { MouId = mou.Id, Number = 1, Title = "หลักสูตร" };
            db.MouItems.Add(item);
            await db.SaveChangesAsync();
            db.MouActions.Add(new MouAction { MouId = mou.Id, ItemId = item.Id, Title = "ส่งรายชื่อวิทยากร", ResponsibleOrganizationId = gsb.Id, DueDate = Today.AddDays(7) });
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task RunRemindersAsync()
    {
        await using var scope = _h.Web.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderRunner>().RunAsync(Today, CancellationToken.None);
    }

    private Task<List<NotificationPreference>> PreferencesAsync() => _h.App.DbAsync(db => db.NotificationPreferences.AsNoTracking().ToListAsync());

    private static FormUrlEncodedContent Body(string value) => new(new Dictionary<string, string> { ["List-Unsubscribe"] = value });

    [Fact]
    public async Task The_header_link_turns_the_reminder_off_with_a_one_click_POST_and_no_cookie()
    {
        await RunRemindersAsync();
        (await _h.DispatchAsync()).ShouldBe((1, 0));
        var mail = _h.Smtp.Received.Single();
        mail.Subject.ShouldBe("ภารกิจใกล้ครบกำหนด 1 รายการ");
        mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
        var header = mail.Header("List-Unsubscribe").Trim();
        header.ShouldStartWith("<http://portal.test/unsubscribe/one-click?t=");
        header.ShouldEndWith(">");
        header[1..^1].ShouldBe((await _h.App.DbAsync(db => db.OutboxMessages.SingleAsync())).UnsubscribeUrl);
        var link = new Uri(header[1..^1]);

        using var client = _h.Web.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var middle = link.PathAndQuery.Length - (link.Query.Length / 2);
        var tampered = link.PathAndQuery[..middle] + (link.PathAndQuery[middle] == 'A' ? "B" : "A") + link.PathAndQuery[(middle + 1)..];
        (await client.PostAsync(tampered, Body("One-Click"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(link.PathAndQuery, Body("Other"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(link.PathAndQuery, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var opened = await client.GetAsync(link.PathAndQuery);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a client without one-click support opens the confirmation page");
        opened.Headers.Location!.ToString().ShouldStartWith("/Unsubscribe?token=");
        (await PreferencesAsync()).ShouldBeEmpty("none of these changes anything");

        (await client.PostAsync(link.PathAndQuery, Body("One-Click"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync(link.PathAndQuery, Body("One-Click"))).StatusCode.ShouldBe(HttpStatusCode.OK, "a client may post twice");
        var off = (await PreferencesAsync()).ShouldHaveSingleItem();
        (off.UserId, off.Kind, off.Enabled).ShouldBe((_partner.Id, ReminderKind.ActionDue, false));

        // The next run skips the partner for that kind.
        await _h.App.DbAsync(db => db.ReminderLog.ExecuteDeleteAsync());
        await _h.App.DbAsync(db => db.OutboxMessages.ExecuteDeleteAsync());
        await RunRemindersAsync();
        (await _h.App.DbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "gsb@example.org"))).ShouldBeFalse();
    }
}
