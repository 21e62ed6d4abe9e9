namespace PartnerPrograms.Domain.Training;

public enum EnrollmentStatus { Enrolled, Waitlisted, Withdrawn }
