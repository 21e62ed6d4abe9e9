namespace PartnerPrograms.Domain.Mous;

public enum PartyRole { Lead, Partner, Witness }
