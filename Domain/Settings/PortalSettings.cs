namespace PartnerPrograms.Domain.Settings;

/// <summary>
/// Settings admins change at run time (stored as one JSON row, so every instance reads the same values).
/// Lead times are in days before the due date or the end of an MOU's term.
/// </summary>
public sealed class PortalSettings
{
    public string FoundationNameTh { get; set; } = "มูลนิธิสัมมาชีพ";
    public string FoundationNameEn { get; set; } = "Sammachiv Foundation";
    /// <summary>Logo as a data: URL (PNG/JPEG/SVG, small), used on certificates and documents.</summary>
    public string? LogoDataUrl { get; set; }
    public bool AttachCertificatePdfToEmail { get; set; } = true;
    public List<int> ActionDueLeadDays { get; set; } = [14, 7, 1];
    /// <summary>Overdue actions are repeated weekly on this day.</summary>
    public DayOfWeek OverdueReminderDay { get; set; } = DayOfWeek.Monday;
    public List<int> MouTermLeadDays { get; set; } = [90, 60, 30];
    /// <summary>Hour of the day (Bangkok) the daily reminder run happens.</summary>
    public int DailyReminderHour { get; set; } = 7;

    /// <summary>Checks an admin's edit; returns English error keys by field.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(FoundationNameTh)) errors[nameof(FoundationNameTh)] = "The foundation's Thai name is required.";
        if (ActionDueLeadDays.Count == 0 || ActionDueLeadDays.Any(d => d is < 1 or > 365))
            errors[nameof(ActionDueLeadDays)] = "Lead times must be between 1 and 365 days.";
        if (MouTermLeadDays.Count == 0 || MouTermLeadDays.Any(d => d is < 1 or > 730))
            errors[nameof(MouTermLeadDays)] = "Lead times must be between 1 and 730 days.";
        if (DailyReminderHour is < 0 or > 23) errors[nameof(DailyReminderHour)] = "The hour must be between 0 and 23.";
        if (LogoDataUrl is { Length: > 400_000 }) errors[nameof(LogoDataUrl)] = "The logo is too large (at most 300 KB).";
        return errors;
    }

    /// <summary>"14, 7, 1" → [14, 7, 1], largest first, no duplicates; null when a part is not a number.</summary>
    public static List<int>? ParseDays(string? text)
    {
        var result = new List<int>();
        foreach (var part in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var d)) return null;
            result.Add(d);
        }
        return result.Distinct().OrderByDescending(d => d).ToList();
    }
}
