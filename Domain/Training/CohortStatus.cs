namespace PartnerPrograms.Domain.Training;

public enum CohortStatus { Planned, Open, Running, Completed, Cancelled }
