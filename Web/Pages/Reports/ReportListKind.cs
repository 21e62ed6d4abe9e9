namespace PartnerPrograms.Web.Pages.Reports;

/// <summary>What a drill-down list shows; the dashboard's and report's figures are counts of exactly these rows.</summary>
public enum ReportListKind { Registered, Completed, Certified, Overdue, DueThisMonth }
