namespace PartnerPrograms.Domain.Training;

public enum CompletionReason { Met, NoSessions, AttendanceTooLow, NoScore, ScoreTooLow }
