namespace PartnerPrograms.Web.Pages.Reports;

public enum TrainingGrouping { Course, Province, Region }
