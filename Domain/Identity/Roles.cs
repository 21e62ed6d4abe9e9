namespace PartnerPrograms.Domain.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Partner = "Partner";
    public const string Participant = "Participant";
    public const string StaffOrAdmin = Staff + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Admin, Staff, Partner, Participant];
}
