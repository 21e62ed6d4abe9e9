namespace PartnerPrograms.Domain.Mous;

public enum ActionStatus { NotStarted, InProgress, Done, Blocked, Cancelled }
