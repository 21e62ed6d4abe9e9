namespace PartnerPrograms.Domain.Mous;

public enum MouStatus { Draft, Active, Expired, Terminated, Renewed }
