namespace PartnerPrograms.Domain.Reminders;

public enum ReminderKind { ActionDue, ActionOverdue, MouTermEnding, SessionTomorrow, LowAttendance, CertificateIssued }
