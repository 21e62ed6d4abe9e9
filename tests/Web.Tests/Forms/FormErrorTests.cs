using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Forms;

/// <summary>
/// Every form a staff member, admin, partner or participant fills in, posted with a mistake: each error is said beside
/// its field (the field marked aria-invalid and described by it; the summary above keeps it too), what was typed is
/// still there, required fields carry the star and <c>required</c>, and every field has a visible or spoken label.
/// </summary>
public class FormErrorTests(FormWorld world) : IClassFixture<FormWorld>
{
    /// <summary>A failing post: who, where, which form, what is typed, the fields that must be refused and the values
    /// that must come back (by element id).</summary>
    private sealed record FormCase(string Who, Func<FormWorld, string> Page, string Form,
        Dictionary<string, string> Typed, string[] Refused, Dictionary<string, string> Kept, bool HasRequired = true);

    private static readonly Dictionary<string, FormCase> Cases = new()
    {
        ["trainee"] = new FormCase(FormWorld.Staff, _ => "/Trainees/Edit", "main form[method=post]",
            new() { ["Input.FirstName"] = "มาลัย", ["Input.LastName"] = "ทองดี", ["Input.NationalId"] = "1234567890123" },
            ["Input_NationalId"], new() { ["Input_FirstName"] = "มาลัย", ["Input_NationalId"] = "1234567890123" }),
        ["mou"] = new FormCase(FormWorld.Staff, _ => "/Mous/Edit", "#mou-form",
            new()
            {
                ["Input.Code"] = "MOU 2569!",
                ["Input.Title"] = "ความร่วมมือพัฒนาอาชีพ",
                ["Input.StartDate"] = "01/01/2569",
                ["Input.EndDate"] = "31/12/2568",
            },
            ["Input_Code", "Input_EndDate"],
            new()
            {
                ["Input_Code"] = "MOU 2569!",
                ["Input_Title"] = "ความร่วมมือพัฒนาอาชีพ",
                ["Input_StartDate"] = "01/01/2569",
            }),
        ["mou item"] = new FormCase(FormWorld.Staff, w => $"/Mous/Details?id={w.Mou}", "#add-item",
            new() { ["ItemTitle"] = " ", ["ItemDescription"] = "รายละเอียดที่พิมพ์ไว้" },
            ["ItemTitle"], new() { ["ItemDescription"] = "รายละเอียดที่พิมพ์ไว้" }),
        ["mou action"] = new FormCase(FormWorld.Staff, w => $"/Mous/Details?id={w.Mou}", "#add-action",
            new() { ["ActionTitle"] = "", ["ActionContact"] = "คุณสมหญิง" },
            ["ActionTitle"], new() { ["ActionContact"] = "คุณสมหญิง" }),
        ["progress update"] = new FormCase(FormWorld.Partner, w => $"/Mous/Action?id={w.Action}", "#post-update",
            new() { ["Update.Text"] = "ส่งรายงานไตรมาสแล้ว", ["Update.Percent"] = "150" },
            ["Update_Percent"], new() { ["Update_Text"] = "ส่งรายงานไตรมาสแล้ว", ["Update_Percent"] = "150" }),
        ["action edit"] = new FormCase(FormWorld.Staff, w => $"/Mous/Action?id={w.Action}", "#edit-action",
            new() { ["Edit.Title"] = "", ["Edit.ContactName"] = "คุณสมศรี" },
            ["Edit_Title"], new() { ["Edit_ContactName"] = "คุณสมศรี" }),
        ["course"] = new FormCase(FormWorld.Staff, _ => "/Training/Courses/Edit", "main form[method=post]",
            new() { ["Input.TitleTh"] = "", ["Input.Description"] = "หลักสูตรทดลอง", ["Input.Hours"] = "-1" },
            ["Input_TitleTh", "Input_Hours"],
            new() { ["Input_Description"] = "หลักสูตรทดลอง", ["Input_Hours"] = "-1" }),
        ["cohort"] = new FormCase(FormWorld.Staff, w => $"/Training/Cohorts/Edit?courseId={w.Course}",
            "main form[method=post]",
            new() { ["Input.Name"] = "", ["Input.Venue"] = "ห้องประชุม อบต.", ["Input.Capacity"] = "0" },
            ["Input_Name", "Input_Capacity"], new() { ["Input_Venue"] = "ห้องประชุม อบต.", ["Input_Capacity"] = "0" }),
        ["new session"] = new FormCase(FormWorld.Staff, w => $"/Training/Cohorts/Details?id={w.Cohort}",
            "[data-testid=add-session]",
            new()
            {
                ["NewSession.Date"] = "05/06/2564",
                ["NewSession.StartTime"] = "13:00",
                ["NewSession.EndTime"] = "12:00",
                ["NewSession.Topic"] = "",
                ["NewSession.Place"] = "ศาลาหมู่บ้าน",
            },
            ["NewSession_Topic", "NewSession_EndTime"],
            new()
            {
                ["NewSession_Date"] = "05/06/2564",
                ["NewSession_StartTime"] = "13:00",
                ["NewSession_Place"] = "ศาลาหมู่บ้าน",
            }),
        ["community"] = new FormCase(FormWorld.Staff, _ => "/Communities/Edit", "main form[method=post]",
            new() { ["Input.Name"] = "", ["Input.ContactName"] = "ผู้ใหญ่บ้าน", ["Input.ContactEmail"] = "not-mail" },
            ["Input_Name", "Input_ContactEmail", "Input_SubDistrictId"],
            new() { ["Input_ContactName"] = "ผู้ใหญ่บ้าน", ["Input_ContactEmail"] = "not-mail" }),
        ["assessment"] = new FormCase(FormWorld.Staff, w => $"/Communities/Assess?id={w.Community}",
            "main form[method=post]",
            new()
            {
                ["Input.AssessedOn"] = "",
                ["Input.Assessor"] = "ผู้ประเมินทดสอบ",
                ["Input.Scores[attraction_identity]"] = "3",
            },
            ["Input_AssessedOn", "score-attraction_sites"],
            new() { ["Input_Assessor"] = "ผู้ประเมินทดสอบ", ["score-attraction_identity"] = "3" }),
        ["invite user"] = new FormCase(FormWorld.Admin, _ => "/Admin/Users/Invite", "main form[method=post]",
            new() { ["Input.Email"] = "not-an-email", ["Input.DisplayName"] = "สมศักดิ์ ทดสอบ" },
            ["Input_Email"], new() { ["Input_Email"] = "not-an-email", ["Input_DisplayName"] = "สมศักดิ์ ทดสอบ" }),
        ["edit user"] = new FormCase(FormWorld.Admin, w => $"/Admin/Users/Edit?id={w.PartnerUser}",
            "main form[method=post]",
            new() { ["Input.DisplayName"] = " ", ["Input.Role"] = Roles.Staff },
            ["Input_DisplayName"], new() { ["Input_Role"] = Roles.Staff }),
        ["override"] = new FormCase(FormWorld.Staff, w => $"/Communities/Override?id={w.Community}",
            "main form[method=post]",
            new() { ["Category"] = "A", ["Reason"] = "" }, ["Reason"], new() { ["Category"] = "A" },
            HasRequired: false), // no override is a choice, and the reason is needed only with a group
        ["organisation"] = new FormCase(FormWorld.Staff, _ => "/Partners/Edit", "#org-form",
            new()
            {
                ["Input.NameTh"] = "",
                ["Input.Address"] = "99 ถนนราชดำเนิน",
                ["Input.Contacts[0].Name"] = "สมหมาย",
                ["Input.Contacts[0].Email"] = "bad@",
            },
            ["Input_NameTh", "Input_Contacts_0__Email"],
            new() { ["Input_Address"] = "99 ถนนราชดำเนิน", ["Input_Contacts_0__Name"] = "สมหมาย" }),
        ["api token"] = new FormCase(FormWorld.Participant, _ => "/Profile", "form[action*='handler=Create']",
            new() { ["name"] = " " }, ["token-name"], new()),
    };

    public static TheoryData<string> FormNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(FormNames))]
    public async Task A_refused_form_says_each_error_beside_its_field_and_keeps_what_was_typed(string name)
    {
        var c = Cases[name];
        var client = await world.ClientAsync(c.Who);
        var response = await client.SubmitFormAsync(c.Page(world), c.Typed, c.Form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, name);
        var page = PageDriver.Parse(await response.Content.ReadAsStringAsync());
        var form = page.QuerySelector(c.Form).ShouldNotBeNull(name);
        var summary = page.QuerySelector("[data-testid=errors]")?.TextContent ?? "";
        foreach (var id in c.Refused)
        {
            var field = form.QuerySelector($"[id='{id}']").ShouldNotBeNull($"{name}: #{id}");
            field.GetAttribute("aria-invalid").ShouldBe("true", $"{name}: #{id}");
            (field.GetAttribute("aria-describedby") ?? "").Split(' ').ShouldContain(id + "-error", $"{name}: #{id}");
            var error = form.QuerySelector($"[id='{id}-error']").ShouldNotBeNull($"{name}: #{id}-error");
            var message = error.TextContent.Trim();
            message.ShouldContain(ch => ch >= '\u0E00' && ch <= '\u0E7F', $"{name}: #{id} says \"{message}\"");
            error.ParentElement!.Contains(field).ShouldBeTrue($"{name}: #{id}'s error is beside it");
            if (page.QuerySelector("[data-testid=errors]") is not null)
                summary.ShouldContain(message.Split(' ')[0], Case.Sensitive, $"{name}: the summary keeps #{id}'s");
        }
        foreach (var other in form.QuerySelectorAll("[aria-invalid=true]"))
            (form.QuerySelector($"[id='{other.Id}-error']")?.TextContent.Trim() ?? "")
                .ShouldNotBeEmpty($"{name}: #{other.Id}");
        foreach (var (id, value) in c.Kept)
            ValueOf(form.QuerySelector($"[id='{id}']").ShouldNotBeNull($"{name}: #{id}"))
                .ShouldBe(value, $"{name}: #{id}");
        LabelsAndMarks(name, form, c.HasRequired);
    }

    /// <summary>A star on a label means its field is required, and every required field has the star; every field
    /// has a label (or, in a row of look-alike fields, an aria-label).</summary>
    private static void LabelsAndMarks(string name, IElement form, bool hasRequired)
    {
        var fields = form.QuerySelectorAll("input, select, textarea")
            .Where(f => f.GetAttribute("type") is not ("hidden" or "submit" or "checkbox")).ToList();
        foreach (var field in fields)
        {
            var label = field.Id is { Length: > 0 } id ? form.QuerySelector($"label[for='{id}']") : null;
            (label?.TextContent.Trim().Length > 0 || field.HasAttribute("aria-label"))
                .ShouldBeTrue($"{name}: {field.GetAttribute("name")} has no label");
            var starred = label?.QuerySelector(".pp-required") is not null;
            starred.ShouldBe(field.HasAttribute("required"), $"{name}: {field.GetAttribute("name")}: star, required");
        }
        (form.QuerySelectorAll("label .pp-required").Length > 0).ShouldBe(hasRequired, name);
    }

    private static string? ValueOf(IElement e) => e switch
    {
        IHtmlInputElement i => i.Value,
        IHtmlTextAreaElement t => t.Value,
        IHtmlSelectElement s => s.Value,
        _ => e.TextContent,
    };
}
