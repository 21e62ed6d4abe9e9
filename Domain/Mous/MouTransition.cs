namespace PartnerPrograms.Domain.Mous;

public enum MouTransition { Activate, Terminate, Renew }
