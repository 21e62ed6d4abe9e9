namespace PartnerPrograms.Domain.Identity;

/// <summary>
/// Common and breached passwords (ASVS 2.1.7), compared without regard to case. A password is refused when it is on
/// the list, or when it is a listed word with only digits and symbols around it ("password1234", "!!monkey2563"): the
/// list is mostly short words, the length rule already stops those alone, and padding a common word with a year or a
/// run of digits is the first thing a guessing tool tries.
/// </summary>
public sealed class PasswordDictionary
{
    private readonly HashSet<string> _words;

    public PasswordDictionary(IEnumerable<string> words) =>
        _words = new HashSet<string>(words.Select(w => w.Trim()).Where(w => w.Length > 0), StringComparer.OrdinalIgnoreCase);

    public int Count => _words.Count;

    public bool IsCommon(string? password)
    {
        if (string.IsNullOrEmpty(password)) return false;
        if (_words.Contains(password)) return true;
        var core = password.AsSpan().Trim(Padding);
        // A core of one or two letters is no word ("a1234567890!"): only a listed word padded out counts.
        return core.Length >= 3 && core.Length < password.Length && _words.Contains(core.ToString());
    }

    private static readonly string Padding = "0123456789๐๑๒๓๔๕๖๗๘๙ !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
}
