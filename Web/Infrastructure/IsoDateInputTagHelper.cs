using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Writes the value of &lt;input type="date" asp-for=…&gt; as an ISO (Gregorian) date, whatever the culture.</summary>
[HtmlTargetElement("input", Attributes = "asp-for,[type=date]")]
public sealed class IsoDateInputTagHelper : TagHelper
{
    public override int Order => 1000; // after the framework's InputTagHelper has written its value

    [HtmlAttributeName("asp-for")]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var value = For.Model switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => null,
        };
        if (value is not null) output.Attributes.SetAttribute("value", value);
    }
}
