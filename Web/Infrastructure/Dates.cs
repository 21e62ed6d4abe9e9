using System.Globalization;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>Dates as people read them: Buddhist era in Thai (2 มีนาคม 2563), Gregorian in English (2 March 2020).</summary>
public static class Dates
{
    public static string Long(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
    public static string Long(DateOnly? d) => d is { } v ? Long(v) : "–";
    public static string Short(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
    public static string Short(DateOnly? d) => d is { } v ? Short(v) : "–";
    public static string DateTimeLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), PartnerPrograms.Jobs.Scheduling.JobsSetup.Bangkok)
            .ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);
    public static string DateTimeLocal(DateTime? utc) => utc is { } v ? DateTimeLocal(v) : "–";
    /// <summary>The year as the user counts it: 2563 in Thai, 2020 in English.</summary>
    public static int DisplayYear(int gregorianYear) => PortalCultures.IsThai(CultureInfo.CurrentCulture) ? gregorianYear + 543 : gregorianYear;
    public static DateOnly TodayInBangkok(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), PartnerPrograms.Jobs.Scheduling.JobsSetup.Bangkok).DateTime);
}
