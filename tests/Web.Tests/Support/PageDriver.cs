using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PartnerPrograms.Web.Tests.Support;

/// <summary>Drives pages as a browser would: GET the page, read its form's antiforgery token, POST the form.</summary>
public static class PageDriver
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Submits the form on <paramref name="url"/> (the first one whose action matches, if given) with the fields set.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields,
        string? formSelector = null)
    {
        var doc = await client.GetDocumentAsync(url);
        var form = (formSelector is null
            ? doc.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : doc.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"No form on {url}");
        return await client.PostFormAsync(form, url, fields);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlFormElement form, string pageUrl, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" } cb: if (cb.IsChecked) values[name] = cb.Value; break;
                // As a browser: only the checked button of a group is sent, and nothing when none is or it is disabled.
                case IHtmlInputElement { Type: "radio" } r:
                    if (r.IsChecked && !r.IsDisabled) values[name] = r.Value;
                    break;
                case IHtmlInputElement i: values.TryAdd(name, i.Value); break;
                case IHtmlSelectElement s: values[name] = s.Value ?? ""; break;
                case IHtmlTextAreaElement t: values[name] = t.Value; break;
            }
        }
        foreach (var (k, v) in fields) values[k] = v;
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts a form with only the antiforgery token from <paramref name="pageUrl"/> plus the given fields.</summary>
    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string pageUrl, string action, IDictionary<string, string>? fields = null)
    {
        var doc = await client.GetDocumentAsync(pageUrl);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException("No antiforgery token on " + pageUrl);
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = PartnerPrograms.Tests.Shared.PortalFactory.Password)
    {
        var response = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response;
    }

    public static async Task<HttpClient> SignedInClientAsync(this PartnerPrograms.Tests.Shared.PortalFactory factory, string email)
    {
        var client = factory.CreateBrowserClient();
        var response = await client.SignInAsync(email);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "sign-in should redirect");
        return client;
    }

    public static async Task<HttpClient> ApiClientAsync(this PartnerPrograms.Tests.Shared.PortalFactory factory, string email)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = PartnerPrograms.Tests.Shared.PortalFactory.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!.Token);
        return client;
    }

    private sealed record TokenBody(string Token, DateTime ExpiresAt);
}
