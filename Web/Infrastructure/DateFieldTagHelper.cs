using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The portal's one date field, <c>&lt;input pp-date asp-for="…"&gt;</c> (or <c>pp-date name="…" pp-value="…"</c>
/// without a model property), and its time field, <c>&lt;input pp-time asp-for="…"&gt;</c>. Native date inputs show
/// mm/dd/yyyy in the Gregorian year whatever the page's language; this is a text field written as Thai people write
/// dates — dd/MM/yyyy in the Buddhist era in Thai, Gregorian in English — read back by PortalDateBinderProvider,
/// with a calendar button (wwwroot/js/datefield.js). A value that did not parse is shown again as typed, with its
/// error under the field.
/// </summary>
[HtmlTargetElement("input", Attributes = "pp-date")]
[HtmlTargetElement("input", Attributes = "pp-time")]
public sealed class DateFieldTagHelper(IStringLocalizer l) : TagHelper
{
    public override int Order => 1000; // after the framework's InputTagHelper has written type and value

    [HtmlAttributeName("asp-for")] public ModelExpression? For { get; set; }

    /// <summary>The value when there is no <c>asp-for</c>.</summary>
    [HtmlAttributeName("pp-value")] public object? Value { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var isDate = context.AllAttributes.ContainsName("pp-date");
        output.Attributes.RemoveAll("pp-date");
        output.Attributes.RemoveAll("pp-time");
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("placeholder", isDate ? l["dd/mm/yyyy"].Value : l["hh:mm, e.g. 09:00"].Value);
        var name = For?.Name ?? output.Attributes["name"]?.Value?.ToString() ?? "";
        var id = output.Attributes["id"]?.Value?.ToString() ?? TagBuilder.CreateSanitizedId(name, "_");
        output.Attributes.SetAttribute("id", id);
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var value = state?.AttemptedValue ?? Format(For is null ? Value : For.Model);
        if (value is null) output.Attributes.RemoveAll("value");
        else output.Attributes.SetAttribute("value", value);

        if (isDate)
        {
            output.AddClass("pp-date-input", HtmlEncoder.Default);
            output.PreElement.AppendHtml(Wrapper());
            output.PostElement.AppendHtml(Button());
        }
        if (state is { Errors.Count: > 0 })
        {
            output.AddClass("is-invalid", HtmlEncoder.Default);
            output.Attributes.SetAttribute("aria-invalid", "true");
            output.Attributes.SetAttribute("aria-describedby", id + "-error");
            // The same message element as every other field's (FieldErrorTagHelper): look, id and test id.
            var error = new TagBuilder("span");
            error.AddCssClass("pp-field-error");
            error.Attributes["id"] = id + "-error";
            error.Attributes["data-testid"] = "error-" + name[(name.LastIndexOf('.') + 1)..];
            error.InnerHtml.Append(state.Errors[0].ErrorMessage);
            output.PostElement.AppendHtml(error);
        }
    }

    /// <summary>The value as the user reads it: th-TH formats in its Buddhist calendar (2020 shows as 2563).</summary>
    private static string? Format(object? model) => model switch
    {
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture),
        DateTime dt => dt.ToString("dd/MM/yyyy", CultureInfo.CurrentCulture),
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The calendar's texts travel with the field, so the script needs no strings of its own.</summary>
    private TagBuilder Wrapper()
    {
        var culture = CultureInfo.CurrentCulture;
        var div = new TagBuilder("div");
        div.AddCssClass("input-group pp-date");
        div.Attributes["data-months"] = string.Join('|', culture.DateTimeFormat.MonthGenitiveNames.Take(12));
        div.Attributes["data-days"] = string.Join('|', culture.DateTimeFormat.AbbreviatedDayNames);
        div.Attributes["data-year-offset"] = culture.Calendar is ThaiBuddhistCalendar ? "543" : "0";
        div.Attributes["data-label-prev"] = l["Previous month"];
        div.Attributes["data-label-next"] = l["Next month"];
        div.Attributes["data-label-dialog"] = l["Choose a date"];
        div.TagRenderMode = TagRenderMode.StartTag;
        return div;
    }

    private string Button() =>
        "<button type=\"button\" class=\"btn btn-outline-secondary pp-date-open\" aria-haspopup=\"dialog\" " +
        $"aria-expanded=\"false\" aria-label=\"{HtmlEncoder.Default.Encode(l["Choose a date"])}\">" +
        "<svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\" focusable=\"false\">" +
        "<path fill=\"currentColor\" " +
        "d=\"M4 0h1v2h6V0h1v2h3v14H1V2h3zM2 6v9h12V6zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2z\"/>" +
        "</svg></button></div>";
}
