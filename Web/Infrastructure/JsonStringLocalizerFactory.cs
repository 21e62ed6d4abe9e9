namespace PartnerPrograms.Web.Infrastructure;

public sealed class JsonStringLocalizerFactory(IHttpContextAccessor http) : IStringLocalizerFactory
{
    /// <summary>Page folders whose texts live in another feature's file.</summary>
    private static readonly Dictionary<string, string> SharedFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Trainees"] = "Training",
    };

    private readonly JsonStringLocalizer _localizer =
        new(ThaiStrings.Load(), ThaiStrings.LoadEnglish(), () => FeatureOf(http.HttpContext?.Request.Path));

    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;

    /// <summary>The feature whose file a request's page reads first: the page's folder ("/Mous/Edit" → "Mous").</summary>
    public static string? FeatureOf(PathString? path)
    {
        var value = path?.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2) return null;
        var end = value.IndexOf('/', 1);
        var folder = end < 0 ? value[1..] : value[1..end];
        return SharedFiles.GetValueOrDefault(folder, folder);
    }
}
