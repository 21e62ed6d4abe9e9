using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>
/// &lt;input type="date"&gt; always posts ISO dates (2020-03-02, Gregorian). Form values bind in the request culture,
/// and th-TH counts years in the Buddhist era, so "2020" would become 1477 CE: dates are parsed invariantly instead.
/// </summary>
public sealed class IsoDateOnlyBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType) bindingContext.Result = ModelBindingResult.Success(null);
            return Task.CompletedTask;
        }
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            bindingContext.Result = ModelBindingResult.Success(date);
        else
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "Enter the date as yyyy-mm-dd.");
        return Task.CompletedTask;
    }
}
