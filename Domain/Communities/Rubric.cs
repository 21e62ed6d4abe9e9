namespace PartnerPrograms.Domain.Communities;

/// <summary>
/// A version of the assessment rubric. Versions are never edited in place: an admin's change is saved as the next
/// version, and every assessment keeps the version it was scored with (so its group can always be explained).
/// </summary>
public class Rubric
{
    public long Id { get; set; }
    public int Version { get; set; }
    public RubricDefinition Definition { get; set; } = RubricDefinition.Default();
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public string? CreatedBy { get; set; }
    public string? ChangeNote { get; set; }

    /// <summary>The next version, built from an edited definition; the definition is validated first.</summary>
    public Rubric NextVersion(RubricDefinition definition, string? by, string? note, DateTime now)
    {
        var errors = definition.Validate();
        if (errors.Count > 0) throw new Common.RuleViolationException(errors[0]);
        return new Rubric { Version = Version + 1, Definition = definition, CreatedAt = now, CreatedBy = by, ChangeNote = note };
    }
}
