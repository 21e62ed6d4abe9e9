namespace PartnerPrograms.Domain.Training;

/// <summary>A course in the catalogue: what is taught, for how long, and the rule for completing it.</summary>
public class Course
{
    public long Id { get; set; }
    public string TitleTh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string? Description { get; set; }
    /// <summary>Syllabus topics, one per line.</summary>
    public string? Syllabus { get; set; }
    public decimal Hours { get; set; }
    /// <summary>Completion: at least this share of the sessions attended (present or late).</summary>
    public int MinAttendancePercent { get; set; } = 80;
    /// <summary>Optional pass mark (0–100) on a final assessment; null means no assessment.</summary>
    public decimal? PassMark { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }

    public CompletionRule Rule => new(MinAttendancePercent, PassMark);

    public IEnumerable<string> SyllabusTopics =>
        (Syllabus ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum CohortStatus { Planned, Open, Running, Completed, Cancelled }

/// <summary>A cohort (รุ่น): one run of a course, at a place or online, for a capacity, with its partners and sessions.</summary>
public class Cohort
{
    public long Id { get; set; }
    public long CourseId { get; set; }
    public Course Course { get; set; } = null!;
    /// <summary>e.g. รุ่นที่ 1/2564</summary>
    public string Name { get; set; } = "";
    /// <summary>The MOU it is delivered under, if any (linked to the MOU feature's table after merging).</summary>
    public long? MouId { get; set; }
    public bool IsOnline { get; set; }
    public string? Venue { get; set; }
    /// <summary>Thai province name (ThaiProvinces), null when online.</summary>
    public string? Province { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int Capacity { get; set; }
    public string? Instructors { get; set; }
    public CohortStatus Status { get; set; } = CohortStatus.Planned;
    public DateTime? ClosedAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public uint Version { get; set; }

    public List<CohortPartner> Partners { get; set; } = [];
    public List<TrainingSession> Sessions { get; set; } = [];
    public List<Enrollment> Enrollments { get; set; } = [];

    public bool AcceptsEnrollments => Status is CohortStatus.Planned or CohortStatus.Open or CohortStatus.Running;

    public void EnsureAcceptsEnrollments()
    {
        if (!AcceptsEnrollments) throw new Common.RuleViolationException("This cohort is closed or cancelled: no more enrolments.");
    }

    /// <summary>Closing fixes each enrolment's completion; a completed or cancelled cohort cannot be closed again.</summary>
    public void Close(DateTime now)
    {
        if (Status is CohortStatus.Completed or CohortStatus.Cancelled)
            throw new Common.RuleViolationException("This cohort is already closed or cancelled.");
        Status = CohortStatus.Completed;
        ClosedAt = now;
    }
}

/// <summary>A partner organisation delivering a cohort (e.g. the university); its partner users see the roster read-only.</summary>
public class CohortPartner
{
    public long CohortId { get; set; }
    public long OrganizationId { get; set; }
}

public class TrainingSession
{
    public long Id { get; set; }
    public long CohortId { get; set; }
    public Cohort Cohort { get; set; } = null!;
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public string Topic { get; set; } = "";
    /// <summary>A room or an online link.</summary>
    public string? Place { get; set; }
    public List<AttendanceRecord> Attendance { get; set; } = [];
}

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

public static class TraineeNames
{
    /// <summary>Thai style: the title joins the first name (นางสาวญาณี ปิ่นแก้วฟ้า).</summary>
    public static string Full(string? title, string firstName, string lastName) => $"{title}{firstName} {lastName}".Trim();
}

public enum EnrollmentStatus { Enrolled, Waitlisted, Withdrawn }

public class Enrollment
{
    public long Id { get; set; }
    public long CohortId { get; set; }
    public Cohort Cohort { get; set; } = null!;
    public long TraineeId { get; set; }
    public Trainee Trainee { get; set; } = null!;
    public EnrollmentStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Queue position on the waitlist: earlier first.</summary>
    public DateTime? WaitlistedAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    /// <summary>Final assessment score (0–100) when the course has a pass mark.</summary>
    public decimal? AssessmentScore { get; set; }
    /// <summary>Fixed when the cohort closes: completed or not, and the counts behind it.</summary>
    public bool? Completed { get; set; }
    public int? AttendedSessions { get; set; }
    public int? SessionCount { get; set; }
    public DateTime? CompletionFixedAt { get; set; }
    public List<AttendanceRecord> Attendance { get; set; } = [];
}

public enum AttendanceStatus { Present, Late, Excused, Absent }

public class AttendanceRecord
{
    public long SessionId { get; set; }
    public long EnrollmentId { get; set; }
    public AttendanceStatus Status { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>An uploaded trainee file, parsed and waiting for the user's confirmation. The rows stay on the server.</summary>
public class TraineeImport
{
    public Guid Id { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The parsed rows (ImportedTraineeRow[]) as JSON.</summary>
    public string Rows { get; set; } = "[]";
    public int RowCount { get; set; }
    public int ErrorCount { get; set; }
    public DateTime? CommittedAt { get; set; }
    public int? CreatedCount { get; set; }
    public int? MatchedCount { get; set; }
}
