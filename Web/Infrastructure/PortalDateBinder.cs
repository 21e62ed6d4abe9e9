using Microsoft.AspNetCore.Mvc.ModelBinding;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Dates in forms, for every page, read by the one parser imports use too (<see cref="ThaiDates"/>): the portal's
/// date field posts dd/MM/yyyy with a Buddhist-era year in Thai (2/3/2563), a Gregorian one in English; Thai digits,
/// "-" and "." separators and ISO dates are understood as well. Binding in the request culture would not do: th-TH
/// reads "2020" as a Buddhist year, and en-US reads 02/03 as 3 February.
/// </summary>
public sealed class PortalDateBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var l = bindingContext.HttpContext.RequestServices
            .GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                bindingContext.Result = ModelBindingResult.Success(null);
            else bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["Enter a date."]);
            return Task.CompletedTask;
        }
        if (ThaiDates.TryParse(text, out var date)) bindingContext.Result = ModelBindingResult.Success(date);
        else
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName, l["Enter the date as dd/mm/yyyy, e.g. 15/03/2024."]);
        return Task.CompletedTask;
    }
}
