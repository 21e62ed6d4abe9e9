namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// How much one uploaded table may hold (section "Imports"). A file past a limit is refused whole with a message
/// naming the row or column, before anything is staged: an import is never half done.
/// </summary>
public sealed class ImportLimits
{
    /// <summary>Data rows of a trainee file: a national programme's cohort intake fits many times over (515 is a large cohort).</summary>
    public int MaxTraineeRows { get; set; } = 50_000;

    /// <summary>Data rows of a community file (the limit the import always had).</summary>
    public int MaxCommunityRows { get; set; } = 5_000;

    /// <summary>Columns read from either file; the templates have 13.</summary>
    public int MaxColumns { get; set; } = SpreadsheetReader.Limits.DefaultMaxColumns;

    public SpreadsheetReader.Limits Trainees => new(Math.Max(1, MaxTraineeRows), Math.Max(1, MaxColumns));
    public SpreadsheetReader.Limits Communities => new(Math.Max(1, MaxCommunityRows), Math.Max(1, MaxColumns));
}
