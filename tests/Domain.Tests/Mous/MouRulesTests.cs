using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Domain.Tests.Mous;

public class MouRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Mou Draft(DateOnly? end = null) => new()
    {
        Id = 7,
        Code = "MOU-2569-001",
        Title = "t",
        StartDate = Today.AddDays(-10),
        EndDate = end ?? Today.AddYears(1),
        Parties = [new MouParty { OrganizationId = 1, SignatoryName = "a" }, new MouParty { OrganizationId = 2, SignatoryName = "b" }],
    };

    [Fact]
    public void A_draft_is_signed_and_becomes_active()
    {
        var m = Draft();
        m.AllowedTransitions(Today).ShouldBe([MouTransition.Activate]);
        m.Activate(new DateOnly(2026, 11, 1), Today);
        m.Status.ShouldBe(MouStatus.Active);
        m.SigningDate.ShouldBe(new DateOnly(2026, 11, 1));
        m.AllowedTransitions(Today).ShouldBe([MouTransition.Terminate, MouTransition.Renew]);
        Should.Throw<RuleViolationException>(() => m.Activate(Today, Today)).Message.ShouldContain("draft");
    }

    [Fact]
    public void Signing_is_refused_with_one_party_or_a_term_that_is_over()
    {
        var single = Draft();
        single.Parties.RemoveAt(1);
        Should.Throw<RuleViolationException>(() => single.Activate(Today, Today)).Message.ShouldContain("two parties");
        var over = Draft(Today.AddDays(-1));
        over.AllowedTransitions(Today).ShouldBeEmpty();
        Should.Throw<RuleViolationException>(() => over.Activate(Today, Today));
    }

    [Fact]
    public void Termination_needs_an_active_MOU_and_a_reason()
    {
        var m = Draft();
        Should.Throw<RuleViolationException>(() => m.Terminate("x"));
        m.Activate(Today, Today);
        Should.Throw<RuleViolationException>(() => m.Terminate("  ")).Message.ShouldContain("reason");
        m.Terminate(" งบประมาณไม่ได้รับอนุมัติ ");
        m.Status.ShouldBe(MouStatus.Terminated);
        m.TerminationReason.ShouldBe("งบประมาณไม่ได้รับอนุมัติ");
        m.AllowedTransitions(Today).ShouldBeEmpty();
    }

    [Fact]
    public void Expiry_happens_once_after_the_term_and_only_to_active_MOUs()
    {
        var m = Draft(Today.AddDays(5));
        m.ExpireIfOver(Today.AddDays(10)).ShouldBeFalse("a draft does not expire");
        m.Activate(Today, Today);
        m.ExpireIfOver(Today.AddDays(5)).ShouldBeFalse("the last day is still in the term");
        m.ExpireIfOver(Today.AddDays(6)).ShouldBeTrue();
        m.Status.ShouldBe(MouStatus.Expired);
        m.ExpireIfOver(Today.AddDays(7)).ShouldBeFalse("idempotent");
        m.AllowedTransitions(Today).ShouldBe([MouTransition.Renew]);
    }

    [Fact]
    public void A_renewal_is_a_new_draft_linked_to_the_old_one()
    {
        var m = Draft();
        m.Parties[0].Duties = "ประสานงาน";
        m.Activate(Today, Today);
        var renewal = m.Renew("MOU-2570-001", Today.AddYears(1), Today.AddYears(3));
        m.Status.ShouldBe(MouStatus.Renewed);
        renewal.Status.ShouldBe(MouStatus.Draft);
        renewal.RenewsMouId.ShouldBe(7);
        renewal.Parties.Count.ShouldBe(2);
        renewal.Parties[0].Duties.ShouldBe("ประสานงาน");
        Should.Throw<RuleViolationException>(() => m.Renew("X-1", Today, Today.AddDays(1)));
    }

    [Theory]
    [InlineData(-1, ActionStatus.NotStarted, true)]
    [InlineData(-1, ActionStatus.InProgress, true)]
    [InlineData(-1, ActionStatus.Blocked, true)]
    [InlineData(-1, ActionStatus.Done, false)]
    [InlineData(-1, ActionStatus.Cancelled, false)]
    [InlineData(0, ActionStatus.NotStarted, false)]
    [InlineData(3, ActionStatus.InProgress, false)]
    public void Overdue_means_past_due_and_still_open(int dueInDays, ActionStatus status, bool overdue)
    {
        MouRules.IsOverdue(Today.AddDays(dueInDays), status, Today).ShouldBe(overdue);
        new MouAction { DueDate = Today.AddDays(dueInDays), Status = status }.IsOverdue(Today).ShouldBe(overdue);
    }

    [Fact]
    public void Without_a_due_date_nothing_is_overdue_and_due_soon_is_within_14_days()
    {
        MouRules.IsOverdue(null, ActionStatus.NotStarted, Today).ShouldBeFalse();
        MouRules.IsDueSoon(Today.AddDays(14), ActionStatus.NotStarted, Today).ShouldBeTrue();
        MouRules.IsDueSoon(Today.AddDays(15), ActionStatus.NotStarted, Today).ShouldBeFalse();
        MouRules.IsDueSoon(Today.AddDays(2), ActionStatus.Done, Today).ShouldBeFalse();
    }

    [Fact]
    public void Validation_names_the_fields()
    {
        var ok = new MouDraft("MOU-2563-001", "สานพลัง", null, Today, Today.AddYears(1),
            [new PartyDraft(1, PartyRole.Lead, "ก", null), new PartyDraft(2, PartyRole.Partner, "ข", null)]);
        MouRules.Validate(ok).ShouldBeEmpty();
        MouRules.Validate(ok with { EndDate = Today.AddDays(-1) }).Keys.ShouldBe(["endDate"]);
        MouRules.Validate(ok with { Parties = [ok.Parties[0]] }).Keys.ShouldBe(["parties"]);
        MouRules.Validate(ok with { Parties = [ok.Parties[0], ok.Parties[0]] }).Keys.ShouldBe(["parties"]);
        MouRules.Validate(ok with { Parties = [ok.Parties[0], ok.Parties[1] with { SignatoryName = " " }] }).Keys.ShouldBe(["parties"]);
        MouRules.Validate(ok with { Code = "", Title = null, StartDate = null }).Keys.OrderBy(k => k).ShouldBe(["code", "startDate", "title"]);
        MouRules.Validate(ok with { Code = "MOU 1; drop" }).Keys.ShouldBe(["code"]);
        MouRules.ValidateUpdate("ok", 101).Keys.ShouldBe(["percent"]);
        MouRules.ValidateUpdate("ok", -1).Keys.ShouldBe(["percent"]);
        MouRules.ValidateUpdate(" ", 50).Keys.ShouldBe(["text"]);
        MouRules.ValidateUpdate("ok", 100).ShouldBeEmpty();
        MouRules.ValidateAction("x", 3, [1, 2]).Keys.ShouldBe(["responsibleOrganizationId"]);
    }

    [Fact]
    public void Updates_grow_the_trail_and_done_means_100_percent()
    {
        var a = new MouAction { Id = 5, MouId = 7, Status = ActionStatus.NotStarted };
        a.Post("เริ่มประสานงาน", 20, ActionStatus.InProgress, "สมใจ", null, DateTime.UtcNow);
        a.Post("ส่งข้อมูลครบ", 90, ActionStatus.Done, "สมใจ", null, DateTime.UtcNow);
        a.Updates.Count.ShouldBe(2);
        a.Updates[0].Text.ShouldBe("เริ่มประสานงาน");
        a.Status.ShouldBe(ActionStatus.Done);
        a.Percent.ShouldBe(100);
        Should.Throw<RuleViolationException>(() => a.Post("x", 120, null, "s", null, DateTime.UtcNow));
        a.Post("ยกเลิก", 0, ActionStatus.Cancelled, "s", null, DateTime.UtcNow);
        Should.Throw<RuleViolationException>(() => a.Post("เปิดใหม่", 10, ActionStatus.InProgress, "s", null, DateTime.UtcNow)).Message.ShouldContain("cancelled");
    }

    [Fact]
    public void Files_are_judged_by_their_content_not_their_name()
    {
        var pdf = "%PDF-1.7\n..."u8.ToArray();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 };
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0 };
        MouRules.CheckAttachment("scan.pdf", pdf).ShouldBe("application/pdf");
        MouRules.CheckAttachment("scan.PNG", png).ShouldBe("image/png");
        MouRules.CheckAttachment("scan.jpeg", jpeg).ShouldBe("image/jpeg");
        Should.Throw<RuleViolationException>(() => MouRules.CheckAttachment("evil.pdf", "MZ\x90\0 not a pdf"u8.ToArray())).Message.ShouldContain("PDF, PNG or JPEG");
        Should.Throw<RuleViolationException>(() => MouRules.CheckAttachment("image.pdf", png)).Message.ShouldContain("does not match");
        Should.Throw<RuleViolationException>(() => MouRules.CheckAttachment("big.pdf", new byte[MouRules.MaxAttachmentBytes + 1])).Message.ShouldContain("5 MB");
        Should.Throw<RuleViolationException>(() => MouRules.CheckAttachment("empty.pdf", []));
    }
}
