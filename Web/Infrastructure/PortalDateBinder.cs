using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
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
