namespace PartnerPrograms.Domain.Training;

/// <summary>One person. The national ID (13 digits) is unique: the same person twice is matched, not duplicated.</summary>
public class Trainee
{
    public long Id { get; set; }
    /// <summary>นาย, นาง, นางสาว …</summary>
    public string? Title { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? FirstNameEn { get; set; }
    public string? LastNameEn { get; set; }
    /// <summary>
    /// The national ID to store (13 ASCII digits, checksum verified), set when registering or changing it. Not mapped:
    /// on save it is encrypted into <see cref="NationalIdCipher"/> with its lookup hash and mask
    /// (Privacy.NationalIdSealingInterceptor). A trainee read from the database has it empty; staff reveal it on purpose.
    /// </summary>
    public string NationalId { get; set; } = "";
    /// <summary>AES-256-GCM, key id first (Privacy.NationalIdProtector). Null only once the record is erased.</summary>
    public byte[]? NationalIdCipher { get; set; }
    /// <summary>HMAC-SHA256 of the digits with the lookup key: search and duplicate detection. Unique.</summary>
    public byte[]? NationalIdHash { get; set; }
    /// <summary>1-1037-xxxxx-xx-6, for every list, roster and export.</summary>
    public string? NationalIdMasked { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    /// <summary>The phone's digits only (a column the database computes): what a phone search compares.</summary>
    public string? PhoneDigits { get; private set; }
    public string? Email { get; set; }
    public string? LineId { get; set; }
    /// <summary>Thai province name.</summary>
    public string? Province { get; set; }
    /// <summary>Community, group or network (village fund, OTOP group, cooperative occupation group).</summary>
    public string? Community { get; set; }
    public DateTime? PdpaConsentAt { get; set; }
    /// <summary>Who recorded the consent (a staff name or "import: file.csv").</summary>
    public string? PdpaConsentBy { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>When the person's data was erased on their request (PDPA); the row stays, anonymous, for the statistics.</summary>
    public DateTime? ErasedAt { get; set; }
    public uint Version { get; set; }
    public List<Enrollment> Enrollments { get; set; } = [];

    public string FullName => TraineeNames.Full(Title, FirstName, LastName);

    /// <summary>The name an erased record shows.</summary>
    public const string ErasedName = "ผู้ขอลบข้อมูล";

    /// <summary>
    /// Consent given after the record was made (a trainee registered without it, e.g. the form signed on paper at the
    /// first session), recorded by an officer. The date is when the person consented, so it cannot be in the future.
    /// </summary>
    public void RecordConsent(DateTime consentedAt, string recordedBy, DateTime now)
    {
        if (ErasedAt is not null) throw new RuleViolationException("This record is already erased.");
        if (PdpaConsentAt is not null) throw new RuleViolationException("Consent is already recorded for this person.");
        if (consentedAt > now)
            throw new RuleViolationException("The date of consent cannot be in the future.", "consentDate");
        PdpaConsentAt = consentedAt;
        PdpaConsentBy = recordedBy.Length > 200 ? recordedBy[..200] : recordedBy;
    }

    /// <summary>
    /// Erasure on request: every field that identifies the person goes (names, national ID, birth date, contacts,
    /// community, consent). What remains is anonymous: the province (for the statistics by province), the creation
    /// date, and the enrolments and attendance that reports count.
    /// </summary>
    public void Erase(DateTime now)
    {
        if (ErasedAt is not null) throw new Common.RuleViolationException("This record is already erased.");
        Title = null;
        FirstName = ErasedName;
        LastName = "";
        FirstNameEn = null;
        LastNameEn = null;
        NationalId = "";
        NationalIdCipher = null;
        NationalIdHash = null;
        NationalIdMasked = null;
        BirthDate = null;
        Phone = null;
        Email = null;
        LineId = null;
        Community = null;
        PdpaConsentAt = null;
        PdpaConsentBy = null;
        ErasedAt = now;
    }
}
