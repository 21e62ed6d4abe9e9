using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Thai first. Strings are written in English in code and views (L["Sign in"]); their Thai lives in
/// Resources/*.th.json, one file per feature so features do not edit one shared file. th-TH is the default culture
/// (Buddhist-era calendar), en-GB the switch. A missing Thai string shows in English and fails a test.
/// </summary>
public static class PortalCultures
{
    public static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static bool IsThai(CultureInfo c) => c.TwoLetterISOLanguageName == "th";

    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddSingleton<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(PortalCultures)));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Thai);
            o.SupportedCultures = o.SupportedUICultures = [Thai, English];
            // Only an explicit choice switches language: the browser's Accept-Language does not override Thai.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }
}

public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer _localizer = new(ThaiStrings.Load(), ThaiStrings.LoadEnglish());
    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;
}

public static class ThaiStrings
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(() => LoadCore(".th.json"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> English = new(() => LoadCore(".en.json"));
    public static IReadOnlyDictionary<string, string> Load() => All.Value;
    /// <summary>English text for keys that are not English themselves (e.g. "Role:Admin" → "Administrator").</summary>
    public static IReadOnlyDictionary<string, string> LoadEnglish() => English.Value;

    private static Dictionary<string, string> LoadCore(string suffix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var asm = typeof(ThaiStrings).Assembly;
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
            foreach (var (k, v) in map) result[k] = v;
        }
        return result;
    }
}

public sealed class JsonStringLocalizer(IReadOnlyDictionary<string, string> thai, IReadOnlyDictionary<string, string> english) : IStringLocalizer
{
    private static readonly ConcurrentDictionary<string, bool> Missing = new();

    public LocalizedString this[string name]
    {
        get
        {
            if (!PortalCultures.IsThai(CultureInfo.CurrentUICulture))
                return new LocalizedString(name, english.TryGetValue(name, out var en) ? en : name, false);
            if (thai.TryGetValue(name, out var value)) return new LocalizedString(name, value, false);
            Missing.TryAdd(name, true);
            return new LocalizedString(name, name, true);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        thai.Select(kv => new LocalizedString(kv.Key, kv.Value));

    /// <summary>Keys asked for in Thai that have no Thai text yet (for tests and the admin).</summary>
    public static IReadOnlyCollection<string> MissingKeys => Missing.Keys.ToList();
}
