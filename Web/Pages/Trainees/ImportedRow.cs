namespace PartnerPrograms.Web.Pages.Trainees;

/// <summary>One row of an uploaded file, parsed and checked; stored as JSON with its import until the user confirms.</summary>
public sealed class ImportedRow
{
    public int Row { get; set; }
    public TraineeFields Fields { get; set; } = new();
    /// <summary>English localizer keys, with {0} filled by Arg.</summary>
    public List<ImportProblem> Problems { get; set; } = [];
    public long? ExistingTraineeId { get; set; }
    public bool IsValid => Problems.Count == 0;
}
