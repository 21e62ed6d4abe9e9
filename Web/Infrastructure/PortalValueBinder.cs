using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// A form value read by one of the portal's own parsers rather than in the request culture (th-TH would read "2020"
/// as a Buddhist year; en-US reads 02/03 as 3 February). Empty is null for an optional value and <paramref
/// name="required"/> otherwise; text the parser refuses gets <paramref name="invalid"/> at the field, as typed.
/// </summary>
public sealed class PortalValueBinder<T>(PortalValueBinder<T>.Parser parse, string required, string invalid)
    : IModelBinder where T : struct
{
    public delegate bool Parser(string text, out T value);

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None) return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var l = bindingContext.HttpContext.RequestServices.GetRequiredService<IStringLocalizer>();
        var text = result.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                bindingContext.Result = ModelBindingResult.Success(null);
            else bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l[required]);
        }
        else if (parse(text, out var value)) bindingContext.Result = ModelBindingResult.Success(value);
        else bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l[invalid]);
        return Task.CompletedTask;
    }
}
