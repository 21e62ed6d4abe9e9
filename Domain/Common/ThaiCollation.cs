using System.Globalization;

namespace PartnerPrograms.Domain.Common;

/// <summary>
/// Thai dictionary order. Code-point order puts names that begin with a leading vowel (เ แ โ ใ ไ) after every other
/// name; ICU's Thai collation sorts them by their consonant. In SQL, the <see cref="Name"/> collation (migration 0019)
/// on the name columns; in memory, <see cref="Comparer"/>.
/// </summary>
public static class ThaiCollation
{
    public const string Name = "thai";

    public static StringComparer Comparer { get; } = StringComparer.Create(CultureInfo.GetCultureInfo("th-TH"), false);
}
