namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>The home dashboard's figures for one role (also GET /api/v1/reports/summary).</summary>
public sealed record DashboardSummary(
    string Role, int? Year, int ActiveMous, int OverdueActions, int DueThisMonth, int CohortsRunning,
    int TraineesRegistered, int TraineesCompleted, int CertificatesIssued, CategoryCounts CommunitiesByCategory,
    List<PartnerFigures> ByPartner, List<RegionFigures> ByRegion, List<TrainingFigures> ByCourse);
