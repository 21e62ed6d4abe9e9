namespace PartnerPrograms.Domain.Organizations;

public enum OrganizationKind
{
    Foundation, GovernmentDepartment, Bank, VillageFundOffice, PublicOrganization, University,
    CommunityEnterprise, Cooperative, VillageFund, Company, Other,
}
