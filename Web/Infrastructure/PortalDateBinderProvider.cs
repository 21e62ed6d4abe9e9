using Microsoft.AspNetCore.Mvc.ModelBinding;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Dates and times of day in forms are read by the parsers imports use too: <see cref="ThaiDates"/> (dd/MM/yyyy with a
/// Buddhist-era year in Thai, a Gregorian one in English; Thai digits, "-" and "." separators, ISO) and
/// <see cref="ThaiTimes"/> (24-hour: 09:00, 9.00, 0900, Thai digits).
/// </summary>
public sealed class PortalDateBinderProvider : IModelBinderProvider
{
    private static readonly PortalValueBinder<DateOnly> Dates = new(
        ThaiDates.TryParse, "Enter a date.", "Enter the date as dd/mm/yyyy, e.g. 15/03/2024.");

    private static readonly PortalValueBinder<TimeOnly> Times = new(
        ThaiTimes.TryParse, "Enter a time.", "Enter the time as HH:mm on a 24-hour clock, e.g. 09:00 or 13:30.");

    public IModelBinder? GetBinder(ModelBinderProviderContext context) => context.Metadata.UnderlyingOrModelType switch
    {
        var t when t == typeof(DateOnly) => Dates,
        var t when t == typeof(TimeOnly) => Times,
        _ => null,
    };
}
