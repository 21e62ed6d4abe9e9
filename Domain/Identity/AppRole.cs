using Microsoft.AspNetCore.Identity;

namespace PartnerPrograms.Domain.Identity;

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}
