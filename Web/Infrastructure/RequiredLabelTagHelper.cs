using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// <c>&lt;label pp-required&gt;</c>: the field must be filled in. Adds the red star every form uses; the star is
/// hidden from screen readers, which hear the field's own <c>required</c> instead.
/// </summary>
[HtmlTargetElement("label", Attributes = "pp-required")]
public sealed class RequiredLabelTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll("pp-required");
        output.PostContent.AppendHtml(" <span class=\"pp-required\" aria-hidden=\"true\">*</span>");
    }
}
