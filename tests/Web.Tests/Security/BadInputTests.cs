using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Security;

/// <summary>
/// Every input of every staff form (read from the page itself) and every field of every API body, given hostile or
/// broken values: never a 500, a Thai message when the page refuses, and the raw script never in any page.
/// </summary>
public class BadInputTests(SecurityWorld world) : IClassFixture<SecurityWorld>
{
    public const string Script = "<script>alert(1)</script>";
    private static readonly string Long = string.Concat(Enumerable.Repeat("ก", 10_000));

    /// <summary>Values for a text input: empty, 10,000 characters, script inside a Thai name, SQL, zero-width characters, Thai digits.</summary>
    private static readonly string[] TextValues = ["", Long, "สมชาย" + Script + "ใจดี", "'; drop table trainees;--", "สม\u200bชาย\u200d\ufeff", "๑๒๓"];
    private static readonly string[] NumberValues = ["abc", "-1", "99999999999999999999", "๑๒๓", "1e400", Script];
    private static readonly string[] DateValues = ["abc", "0001-01-01", "9999-12-31", "๑๒/๐๓/๒๕๖๗", "2024-02-30", Script];

    /// <summary>Forms that take input, by page and the form's selector ("main form[method=post]" = the page's main form).</summary>
    public static readonly (string Name, Func<SecurityWorld, string> Page, string Form)[] Forms =
    [
        ("partner", _ => "/Partners/Edit", "#org-form"),
        ("mou", _ => "/Mous/Edit", "#mou-form"),
        ("mou item", w => $"/Mous/Details?id={w.B.Mou}", "#add-item"),
        ("mou action", w => $"/Mous/Details?id={w.B.Mou}", "#add-action"),
        ("action update", w => $"/Mous/Action?id={w.B.Action}", "#post-update"),
        ("action edit", w => $"/Mous/Action?id={w.B.Action}", "#edit-action"),
        ("course", _ => "/Training/Courses/Edit", "main form[method=post]"),
        ("cohort", w => $"/Training/Cohorts/Edit?courseId={w.B.Course}", "main form[method=post]"),
        ("trainee", _ => "/Trainees/Edit", "main form[method=post]"),
        ("community", _ => "/Communities/Edit", "main form[method=post]"),
        ("assessment", w => $"/Communities/Assess?id={w.B.Community}", "main form[method=post]"),
        ("override", w => $"/Communities/Override?id={w.B.Community}", "main form[method=post]"),
        ("invite user", _ => "/Admin/Users/Invite", "main form[method=post]"),
        ("api token", _ => "/Profile", "form[action*='handler=Create']"),
        ("certificate revoke", w => $"/Certificates/Details?code={w.B.CertificateCode}", "[data-testid=revoke-form]"),
    ];

    public static TheoryData<string> FormNames => new(Forms.Select(f => f.Name));

    private static string[] ValuesFor(IElement input) => (input.GetAttribute("type") ?? "text") switch
    {
        "number" => NumberValues,
        "date" => DateValues,
        "checkbox" or "radio" or "file" or "hidden" or "submit" => [],
        _ => input is IHtmlSelectElement ? ["999999999", Script] : TextValues,
    };

    [Theory]
    [MemberData(nameof(FormNames))]
    public async Task Every_field_of_the_form_survives_bad_values_with_a_Thai_message_and_encoded_output(string name)
    {
        var (_, pageOf, selector) = Forms.Single(f => f.Name == name);
        var page = pageOf(world);
        var who = name == "invite user" ? Who.Admin : Who.Staff;
        var client = await world.BrowserAsync(who);
        var doc = await client.GetDocumentAsync(page);
        var form = doc.QuerySelector(selector) as IHtmlFormElement ?? throw new InvalidOperationException($"{name}: no form {selector} on {page}");
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => (Name: i.GetAttribute("name")!, Values: ValuesFor(i))).Where(f => f.Values.Length > 0).ToList();
        fields.ShouldNotBeEmpty(name);
        var problems = new List<string>();
        foreach (var (field, values) in fields)
            foreach (var value in values)
            {
                var fresh = await client.GetDocumentAsync(page);
                if (fresh.QuerySelector(selector) is not IHtmlFormElement f) break; // a post succeeded and the form is gone (e.g. revoked)
                var response = await client.PostFormAsync(f, page, new Dictionary<string, string> { [field] = value });
                var label = $"{name}: {field} = {Shorten(value)}";
                var problem = await CheckPageAnswerAsync(client, response);
                if (problem is not null) problems.Add($"{label}: {problem}");
            }
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    private static string Shorten(string v) => v.Length > 30 ? v[..10] + $"…({v.Length} chars)" : v;

    /// <summary>A page's answer to a bad post: below 500; the raw script nowhere; if the form is shown again with errors, they are Thai.</summary>
    private static async Task<string?> CheckPageAnswerAsync(HttpClient client, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"status {status}";
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to && !to.ToString().StartsWith("http", StringComparison.Ordinal))
        {
            var next = await client.GetAsync(to.ToString());
            if ((int)next.StatusCode >= 500) return $"after the redirect: {(int)next.StatusCode}";
            html = await next.Content.ReadAsStringAsync();
        }
        if (html.Contains(Script, StringComparison.Ordinal)) return "the script is in the page unencoded";
        var doc = PageDriver.Parse(html);
        foreach (var error in doc.QuerySelectorAll(".field-validation-error, .pp-field-error, .validation-summary-errors li, .invalid-feedback, .text-danger, .alert-danger"))
        {
            var text = error.TextContent.Trim();
            if (text.Length > 0 && !text.Any(c => c is >= '\u0E00' and <= '\u0E7F')) return $"an English message under th-TH: \"{text}\"";
        }
        return null;
    }

    /// <summary>API bodies: a valid body per endpoint; each field in turn is replaced by bad values of every kind.</summary>
    public static readonly (string Name, string Method, Func<SecurityWorld, string> Url, Func<SecurityWorld, string> Body)[] Apis =
    [
        ("mou", "POST", _ => "/api/v1/mous", w => $$"""{"code":"MOU-BAD-1","title":"ทดสอบ","purpose":"ทดสอบ","startDate":"2024-01-01","endDate":"2026-01-01","parties":[{"organizationId":{{w.B.Org}},"role":"lead","signatoryName":"ก","signatoryPosition":"ข"}]}"""),
        ("item", "POST", w => $"/api/v1/mous/{w.B.Mou}/items", _ => """{"title":"งาน","description":"รายละเอียด"}"""),
        ("action", "POST", w => $"/api/v1/mous/{w.B.Mou}/actions", w => $$"""{"itemId":{{w.B.Item}},"title":"กิจกรรม","responsibleOrganizationId":{{w.B.Org}},"contactName":"ก","dueDate":"2027-01-01"}"""),
        ("action edit", "PUT", w => $"/api/v1/actions/{w.B.Action}", w => $$"""{"title":"กิจกรรม","responsibleOrganizationId":{{w.B.Org}},"contactName":"ก","dueDate":"2027-01-01","status":"inProgress"}"""),
        ("update", "POST", w => $"/api/v1/actions/{w.B.Action}/updates", _ => """{"text":"ความคืบหน้า","percent":10}"""),
        ("transition", "POST", w => $"/api/v1/mous/{w.B.Mou}/transitions", _ => """{"transition":"activate","signingDate":"2024-01-01","reason":"เหตุผล"}"""), // already active: never succeeds
        ("trainee", "POST", _ => "/api/v1/trainees", _ => $$"""{"firstName":"ญาณี","lastName":"ปิ่นแก้ว","nationalId":"{{Training.TrainingData.NewNationalId()}}","birthDate":"15/03/2530","phone":"0812345678","email":"a@example.org","province":"มหาสารคาม"}"""),
        ("enrolment", "POST", w => $"/api/v1/cohorts/{w.B.Cohort}/enrollments", w => $$"""{"traineeId":{{w.B.Trainee}}}"""),
        ("assessment", "POST", w => $"/api/v1/communities/{w.B.Community}/assessments", _ => """{"assessedOn":"2024-01-01","scores":{"a1":1}}"""),
        ("override", "POST", w => $"/api/v1/communities/{w.B.Community}/override", _ => """{"category":"C","reason":"เหตุผล"}"""),
        ("revoke", "POST", w => $"/api/v1/certificates/{w.A.CertificateCode}/revoke", _ => """{"reason":"ออกผิด"}"""),
        ("token", "POST", _ => "/api/v1/auth/token", _ => """{"email":"nobody@example.org","password":"x"}"""),
    ];

    public static TheoryData<string> ApiNames => new(Apis.Select(a => a.Name));

    private static readonly JsonNode?[] BadJsonValues =
    [
        JsonValue.Create(""), JsonValue.Create(Long), JsonValue.Create("สมชาย" + Script), JsonValue.Create("'; drop table trainees;--"),
        JsonValue.Create("๑๒๓"), JsonValue.Create("\u200b"), JsonValue.Create(-1), JsonValue.Create(1e300), JsonValue.Create(long.MaxValue),
        JsonValue.Create(true), new JsonArray(), new JsonObject(), null,
    ];

    [Theory]
    [MemberData(nameof(ApiNames))]
    public async Task Every_field_of_the_api_body_survives_bad_values_with_a_problem_answer(string name)
    {
        var (_, method, urlOf, bodyOf) = Apis.Single(a => a.Name == name);
        var api = await world.ApiAsync(Who.Staff);
        var template = JsonNode.Parse(bodyOf(world))!.AsObject();
        var problems = new List<string>();
        foreach (var field in template.Select(kv => kv.Key).ToList())
            foreach (var bad in BadJsonValues.Append(JsonValue.Create("2024-13-45")))
            {
                var body = JsonNode.Parse(bodyOf(world))!.AsObject();
                body[field] = bad?.DeepClone();
                using var request = new HttpRequestMessage(new HttpMethod(method), urlOf(world)) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
                using var response = await api.SendAsync(request);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var label = $"{method} {name}: {field} = {Shorten(bad?.ToJsonString() ?? "null")}";
                if (status >= 500) problems.Add($"{label}: status {status} {Shorten(text)}");
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json") problems.Add($"{label}: {status} without a problem body");
            }
        // Broken JSON and a wrong-typed body are client errors too.
        foreach (var raw in new[] { "{", "[]", "\"x\"", "{\"" + new string('a', 10_000) + "\":1}" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), urlOf(world)) { Content = new StringContent(raw, Encoding.UTF8, "application/json") };
            using var response = await api.SendAsync(request);
            if ((int)response.StatusCode >= 500) problems.Add($"{method} {name}: body {Shorten(raw)}: status {(int)response.StatusCode}");
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public async Task Script_in_names_is_shown_encoded_on_every_list_and_detail_page()
    {
        // Records whose names carry the script, made the ordinary way.
        var staff = await world.BrowserAsync(Who.Staff);
        (await staff.SubmitFormAsync("/Partners/Edit", new Dictionary<string, string> { ["Input.NameTh"] = "หน่วยงาน" + Script }, "#org-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = await world.ApiAsync(Who.Staff);
        (await api.PostAsync($"/api/v1/mous/{world.A.Mou}/items", new StringContent($$"""{"title":"งาน{{Script.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var url in new[] { "/Partners", "/Mous", $"/Mous/Details?id={world.A.Mou}", "/Trainees", "/Communities", "/Training/Courses", "/Training/Cohorts" })
        {
            var html = await staff.GetStringAsync(url);
            html.ShouldNotContain(Script, Case.Sensitive, url);
        }
        (await staff.GetStringAsync("/Partners")).ShouldContain("&lt;script&gt;", Case.Sensitive, "the name is there, encoded");
    }
}
