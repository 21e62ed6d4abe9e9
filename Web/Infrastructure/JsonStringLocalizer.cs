using System.Collections.Concurrent;
using System.Globalization;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Thai (or English for code keys) for the English keys of code and views. With a <paramref name="feature"/> (the
/// feature of the page being served) a key is looked up in that feature's file first, so "Title" is ชื่อเรื่อง on
/// the MOU pages and คำนำหน้า on the trainee pages; elsewhere (e-mails, jobs) in all files together.
/// </summary>
public sealed class JsonStringLocalizer(
    IReadOnlyDictionary<string, string> thai,
    IReadOnlyDictionary<string, string> english,
    Func<string?>? feature = null) : IStringLocalizer
{
    private static readonly ConcurrentDictionary<string, bool> Missing = new();
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _thaiByFeature =
        ThaiStrings.ThaiByFeature();
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _englishByFeature =
        ThaiStrings.EnglishByFeature();

    public LocalizedString this[string name]
    {
        get
        {
            var scope = feature?.Invoke();
            if (!PortalCultures.IsThai(CultureInfo.CurrentUICulture))
            {
                var en = Find(_englishByFeature, english, scope, name);
                return new LocalizedString(name, en ?? name, false);
            }
            if (Find(_thaiByFeature, thai, scope, name) is { } value) return new LocalizedString(name, value, false);
            Missing.TryAdd(name, true);
            return new LocalizedString(name, name, true);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            var text = string.Format(CultureInfo.CurrentCulture, format.Value, arguments);
            return new LocalizedString(name, text, format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        thai.Select(kv => new LocalizedString(kv.Key, kv.Value));

    /// <summary>Keys asked for in Thai that have no Thai text yet (for tests and the admin).</summary>
    public static IReadOnlyCollection<string> MissingKeys => Missing.Keys.ToList();

    private static string? Find(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byFeature,
        IReadOnlyDictionary<string, string> all,
        string? scope,
        string name)
    {
        if (scope is not null && byFeature.TryGetValue(scope, out var own) && own.TryGetValue(name, out var mine))
            return mine;
        return all.TryGetValue(name, out var value) ? value : null;
    }
}
