namespace PartnerPrograms.Domain.Privacy;

public enum PersonalDataAction { Reveal, Export, Erase }
