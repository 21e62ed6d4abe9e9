using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.Razor.TagHelpers;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Dates in forms, for every page. &lt;input type="date"&gt; posts ISO dates (2020-03-02, Gregorian), but form values bind
/// in the request culture and th-TH counts years in the Buddhist era, so "2020" would become 1477 CE. ISO is therefore
/// read invariantly; a typed date with a Buddhist-era year (2/3/2563, 2563-03-02) is understood as well.
/// </summary>
public sealed class PortalDateBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var l = bindingContext.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType) bindingContext.Result = ModelBindingResult.Success(null);
            else bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["Enter a date."]);
            return Task.CompletedTask;
        }
        if (TryParse(text, out var date)) bindingContext.Result = ModelBindingResult.Success(date);
        else bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["Enter the date as day/month/year, e.g. 2/3/2563."]);
        return Task.CompletedTask;
    }

    public static bool TryParse(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            if (date.Year > 2400) date = date.AddYears(-543);
            return true;
        }
        return ThaiDates.TryParse(text, out date);
    }
}

public sealed class PortalDateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateOnly) ? new BinderTypeModelBinder(typeof(PortalDateBinder)) : null;
}

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
