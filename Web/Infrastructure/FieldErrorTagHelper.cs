using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// A field's error beside the field (the form's summary above stays): <c>&lt;span pp-error-for="Input.Title"&gt;</c>
/// becomes <c>&lt;span class="pp-field-error" id="Input_Title-error" data-testid="error-Title"&gt;</c> holding the
/// ModelState message, the id <see cref="FieldStateTagHelper"/> points the field's <c>aria-describedby</c> at.
/// <c>pp-error-id</c> gives the field's id when it is not the key's (a field written without <c>asp-for</c>).
/// Date and time fields need none: <see cref="DateFieldTagHelper"/> writes theirs.
/// </summary>
[HtmlTargetElement("span", Attributes = "pp-error-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("pp-error-for")] public string Key { get; set; } = "";

    [HtmlAttributeName("pp-error-id")] public string? FieldId { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("pp-field-error", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("id", (FieldId ?? TagBuilder.CreateSanitizedId(Key, "_")) + "-error");
        if (!output.Attributes.ContainsName("data-testid"))
            output.Attributes.SetAttribute("data-testid", "error-" + Key[(Key.LastIndexOf('.') + 1)..]);
        var errors = ViewContext.ViewData.ModelState.TryGetValue(Key, out var entry) ? entry.Errors : null;
        if (errors is { Count: > 0 }) output.Content.SetContent(string.Join(" ", errors.Select(e => e.ErrorMessage)));
    }
}
