using System.Globalization;
using PartnerPrograms.Domain.Geography;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>A trainee as typed (form, API or import row); Validate checks and normalises it in one place.</summary>
public sealed class TraineeFields
{
    public string? Title { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? FirstNameEn { get; set; }
    public string? LastNameEn { get; set; }
    public string? NationalId { get; set; }
    public string? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? LineId { get; set; }
    public string? Province { get; set; }
    public string? Community { get; set; }
    public bool PdpaConsent { get; set; }

    /// <summary>
    /// Errors by camelCase field name (English localizer keys); empty when valid. <paramref name="result"/> holds the clean
    /// values. When editing, an empty national ID keeps the stored one (<paramref name="keepStoredNationalId"/>): the
    /// form never carries the full number back to the browser.
    /// </summary>
    public Dictionary<string, string> Validate(out CleanTrainee result, bool keepStoredNationalId = false)
    {
        var errors = new Dictionary<string, string>();
        var first = Clean(FirstName);
        var last = Clean(LastName);
        if (first is null) errors["firstName"] = "The first name is required.";
        else if (first.Length > 100) errors["firstName"] = "The name is too long.";
        if (last is null) errors["lastName"] = "The last name is required.";
        else if (last.Length > 100) errors["lastName"] = "The name is too long.";
        if (!(keepStoredNationalId && string.IsNullOrWhiteSpace(NationalId)) && Domain.Common.NationalId.Validate(NationalId) is { } idError)
            errors["nationalId"] = idError;
        DateOnly? birth = null;
        if (Clean(BirthDate) is { } b)
        {
            if (b.Length <= 5 && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 80000)
                birth = DateOnly.FromDateTime(DateTime.FromOADate(serial)); // an Excel date cell
            else if (ThaiDates.TryParse(b, out var d)) birth = d;
            else errors["birthDate"] = "The birth date is not a date (e.g. 15/03/2530).";
        }
        string? province = null;
        if (Clean(Province) is { } p)
        {
            province = ThaiProvinces.Find(p)?.NameTh;
            if (province is null) errors["province"] = "Unknown province.";
        }
        var email = Clean(Email);
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 256)) errors["email"] = "Enter a valid e-mail address.";
        result = new CleanTrainee(Clean(Title), first ?? "", last ?? "", Clean(FirstNameEn), Clean(LastNameEn),
            Domain.Common.NationalId.Normalize(this.NationalId) ?? "", birth, Cut(ThaiDigits.ToAscii(Clean(Phone) ?? ""), 50), email, Cut(Clean(LineId), 100),
            province, Cut(Clean(Community), 300), PdpaConsent);
        return errors;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static string? Cut(string? s, int max) => string.IsNullOrEmpty(s) ? null : s.Length > max ? s[..max] : s;

    public static TraineeFields From(Trainee t) => new()
    {
        Title = t.Title,
        FirstName = t.FirstName,
        LastName = t.LastName,
        FirstNameEn = t.FirstNameEn,
        LastNameEn = t.LastNameEn,
        NationalId = null, // never prefilled: the page shows the masked number; an empty field keeps it
        BirthDate = t.BirthDate is { } d ? d.ToString("dd/MM/", CultureInfo.InvariantCulture) + (d.Year + 543).ToString(CultureInfo.InvariantCulture) : null,
        Phone = t.Phone,
        Email = t.Email,
        LineId = t.LineId,
        Province = t.Province,
        Community = t.Community,
        PdpaConsent = t.PdpaConsentAt is not null,
    };
}
