namespace PartnerPrograms.Domain.Privacy;

/// <summary>What was done with a trainee's personal data; Consent is a consent recorded after registration.</summary>
public enum PersonalDataAction { Reveal, Export, Erase, Consent }
