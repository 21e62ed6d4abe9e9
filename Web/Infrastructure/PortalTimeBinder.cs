using Microsoft.AspNetCore.Mvc.ModelBinding;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Times of day in forms, on a 24-hour clock (09:00, 9.00, 0900, Thai digits): see <see cref="ThaiTimes"/>.</summary>
public sealed class PortalTimeBinder : IModelBinder
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
            else bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["Enter a time."]);
            return Task.CompletedTask;
        }
        if (ThaiTimes.TryParse(text, out var time)) bindingContext.Result = ModelBindingResult.Success(time);
        else
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName, l["Enter the time as HH:mm on a 24-hour clock, e.g. 09:00 or 13:30."]);
        return Task.CompletedTask;
    }
}
