using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Dates and times of day in forms are read by the portal's own parsers, not in the request culture.</summary>
public sealed class PortalDateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) => context.Metadata.UnderlyingOrModelType switch
    {
        var t when t == typeof(DateOnly) => new BinderTypeModelBinder(typeof(PortalDateBinder)),
        var t when t == typeof(TimeOnly) => new BinderTypeModelBinder(typeof(PortalTimeBinder)),
        _ => null,
    };
}
