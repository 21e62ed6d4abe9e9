namespace PartnerPrograms.Web.Infrastructure;

public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer _localizer = new(ThaiStrings.Load(), ThaiStrings.LoadEnglish());
    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;
}
