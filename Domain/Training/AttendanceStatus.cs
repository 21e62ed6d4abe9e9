namespace PartnerPrograms.Domain.Training;

public enum AttendanceStatus { Present, Late, Excused, Absent }
