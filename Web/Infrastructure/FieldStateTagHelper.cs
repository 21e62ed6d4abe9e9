using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Ties a refused field to its message for assistive technology: a field whose ModelState entry holds an error gets
/// <c>aria-invalid="true"</c> and <c>aria-describedby</c> naming <c>{id}-error</c>, the element
/// <see cref="FieldErrorTagHelper"/> writes beside it. Applies to every <c>asp-for</c> field; a field without a model
/// property names its ModelState key with <c>pp-state-for</c>.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("input", Attributes = StateFor)]
[HtmlTargetElement("select", Attributes = StateFor)]
[HtmlTargetElement("textarea", Attributes = StateFor)]
public sealed class FieldStateTagHelper : TagHelper
{
    private const string StateFor = "pp-state-for";

    // After the framework's helpers (they write id and name) and DateFieldTagHelper (it marks its own fields).
    public override int Order => 1100;

    [HtmlAttributeName("asp-for")] public ModelExpression? For { get; set; }

    /// <summary>The ModelState key, for a field written without <c>asp-for</c>.</summary>
    [HtmlAttributeName(StateFor)] public string? Key { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.ContainsName("aria-invalid")) return;
        var type = output.Attributes["type"]?.Value?.ToString();
        if (string.Equals(type, "hidden", StringComparison.OrdinalIgnoreCase)) return;
        var key = Key ?? ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For?.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return;
        var id = output.Attributes["id"]?.Value?.ToString() ?? TagBuilder.CreateSanitizedId(key, "_");
        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby",
            string.IsNullOrWhiteSpace(described) ? id + "-error" : described + " " + id + "-error");
    }
}
