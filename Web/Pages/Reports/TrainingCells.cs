using PartnerPrograms.Domain.Geography;

namespace PartnerPrograms.Web.Pages.Reports;

public sealed record TrainingCells(List<TrainingCell> Cells, Dictionary<long, string> Courses, Dictionary<string, Region> Regions);
