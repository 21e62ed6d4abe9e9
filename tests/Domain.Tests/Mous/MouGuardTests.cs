using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Domain.Tests.Mous;

/// <summary>The rules that moved onto the entities: each lives once, and pages and the API ask it.</summary>
public class MouGuardTests
{
    [Theory]
    [InlineData(MouStatus.Draft, true)]
    [InlineData(MouStatus.Active, true)]
    [InlineData(MouStatus.Expired, false)]
    [InlineData(MouStatus.Terminated, false)]
    [InlineData(MouStatus.Renewed, false)]
    public void Items_and_actions_change_only_while_the_MOU_is_open(MouStatus status, bool open)
    {
        Mou.IsOpenForWork(status).ShouldBe(open);
        if (open) Should.NotThrow(() => Mou.EnsureOpenForWork(status));
        else Should.Throw<RuleViolationException>(() => Mou.EnsureOpenForWork(status)).Message.ShouldContain("closed");
    }

    [Fact]
    public void Only_a_draft_is_edited()
    {
        Should.NotThrow(new Mou { Status = MouStatus.Draft }.EnsureDraft);
        Should.Throw<RuleViolationException>(new Mou { Status = MouStatus.Active }.EnsureDraft).Field.ShouldBeNull();
    }

    [Fact]
    public void A_partner_writes_only_on_its_own_action_and_staff_on_any()
    {
        var action = new MouAction { ResponsibleOrganizationId = 5 };
        MouAction.IsWritableBy(5, isStaff: false, organizationId: 5).ShouldBeTrue();
        MouAction.IsWritableBy(5, isStaff: false, organizationId: 6).ShouldBeFalse();
        MouAction.IsWritableBy(5, isStaff: false, organizationId: null).ShouldBeFalse();
        MouAction.IsWritableBy(5, isStaff: true, organizationId: null).ShouldBeTrue();
        Should.NotThrow(() => action.EnsureWritableBy(false, 5));
        Should.Throw<ForbiddenException>(() => action.EnsureWritableBy(false, 6));
    }

    [Fact]
    public void Done_means_100_percent_whichever_way_the_status_is_set()
    {
        var edited = new MouAction { Status = ActionStatus.InProgress, Percent = 40 };
        edited.ChangeStatus(ActionStatus.Done);
        edited.Percent.ShouldBe(100);
        var posted = new MouAction { Status = ActionStatus.InProgress, Percent = 40 };
        posted.Post("เสร็จ", 70, ActionStatus.Done, "s", null, DateTime.UtcNow);
        posted.Percent.ShouldBe(100);
        posted.Updates[0].Percent.ShouldBe(70, "the update keeps what the poster wrote");
        var cancelled = new MouAction { Status = ActionStatus.Cancelled };
        Should.Throw<RuleViolationException>(() => cancelled.ChangeStatus(ActionStatus.Done)).Message.ShouldContain("cancelled");
    }

    [Fact]
    public void A_progress_update_is_validated_once_naming_its_fields()
    {
        var action = new MouAction { Status = ActionStatus.NotStarted };
        var refused = Should.Throw<RuleViolationException>(() => action.Post(" ", null, null, "s", null, DateTime.UtcNow));
        refused.Errors.Keys.ShouldBe(["text", "percent"], ignoreOrder: true);
        refused.Errors["percent"].ShouldBe(["The percentage is required."]);
        Should.Throw<RuleViolationException>(() => action.Post("x", 101, null, "s", null, DateTime.UtcNow)).Field.ShouldBe("percent");
        action.Updates.ShouldBeEmpty();
        action.Percent.ShouldBe(0);
    }

    [Fact]
    public void The_open_action_filter_matches_the_in_memory_rule()
    {
        var filter = OpenActions.Filter.Compile();
        foreach (var status in Enum.GetValues<ActionStatus>())
            filter(new MouAction { Status = status }).ShouldBe(MouRules.IsOpen(status), status.ToString());
    }

    [Fact]
    public void A_rule_violation_carries_its_field_or_none_and_a_version_conflict_says_so()
    {
        new RuleViolationException("The title is required.", "title").Field.ShouldBe("title");
        var whole = new RuleViolationException("This MOU is closed.");
        whole.Field.ShouldBeNull();
        whole.Errors[""].ShouldBe(["This MOU is closed."]);
        whole.IsVersionConflict.ShouldBeFalse();
        RuleViolationException.VersionConflict("Someone else changed it.").IsVersionConflict.ShouldBeTrue();
        Should.NotThrow(() => RuleViolationException.ThrowIfAny(new Dictionary<string, string[]>()));
    }
}
