using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Web.Pages.Trainees;

public sealed record CleanTrainee(
    string? Title,
    string FirstName,
    string LastName,
    string? FirstNameEn,
    string? LastNameEn,
    string NationalId,
    DateOnly? BirthDate,
    string? Phone,
    string? Email,
    string? LineId,
    string? Province,
    string? Community,
    bool PdpaConsent)
{
    public void ApplyTo(Trainee t, string recordedBy, DateTime now)
    {
        t.Title = Title; t.FirstName = FirstName; t.LastName = LastName;
        t.FirstNameEn = FirstNameEn; t.LastNameEn = LastNameEn;
        if (NationalId.Length > 0) t.NationalId = NationalId; // empty: keep the stored (encrypted) one
        t.BirthDate = BirthDate; t.Phone = Phone; t.Email = Email; t.LineId = LineId;
        t.Province = Province; t.Community = Community;
        if (PdpaConsent && t.PdpaConsentAt is null)
        {
            t.PdpaConsentAt = now;
            t.PdpaConsentBy = recordedBy.Length > 200 ? recordedBy[..200] : recordedBy;
        }
        if (!PdpaConsent) { t.PdpaConsentAt = null; t.PdpaConsentBy = null; }
    }

    public static readonly string[] Titles = ["นาย", "นาง", "นางสาว", "ด.ช.", "ด.ญ.", "ดร.", "ผศ.", "รศ.", "ศ.", "ว่าที่ร้อยตรี"];
}
