using System.Globalization;
using PartnerPrograms.Domain.Mous;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>An audit entry in the reader's language: each phrase's template and arguments through the localiser.</summary>
public static class AuditText
{
    public static string Render(AuditView entry, IStringLocalizer l)
    {
        var phrases = AuditPhrase.Deserialize(entry.Phrases);
        if (phrases.Count == 0) return entry.Change; // written before phrases were kept
        return string.Join("; ", phrases.Select(p => l[p.Template, p.Args.Select(a => (object)Arg(a, l)).ToArray()].Value));
    }

    private static string Arg(AuditArg arg, IStringLocalizer l) => arg.Kind switch
    {
        AuditArgKind.Date => Dates.Short(DateOnly.ParseExact(arg.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        AuditArgKind.Number => long.Parse(arg.Value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture),
        AuditArgKind.Key => l[arg.Value].Value,
        _ => arg.Value,
    };
}
