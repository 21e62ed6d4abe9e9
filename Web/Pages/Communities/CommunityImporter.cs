// placeholder, filled below
namespace PartnerPrograms.Web.Pages.Communities;
public sealed class CommunityImporter;
