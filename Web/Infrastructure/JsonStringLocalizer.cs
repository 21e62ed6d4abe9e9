using System.Collections.Concurrent;
using System.Globalization;

namespace PartnerPrograms.Web.Infrastructure;

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
