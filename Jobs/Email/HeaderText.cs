using System.Text;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// Text that goes into a header (subject, display names, file names, our own headers) on one line: a CR or LF in a
/// value would end the header and let the rest of the value be read as a new one ("Bcc: …"), so every control
/// character, and the Unicode line and paragraph separators, becomes a space and runs of spaces collapse to one.
/// </summary>
public static class HeaderText
{
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var text = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsWhiteSpace(c))
            {
                space = text.Length > 0;
                continue;
            }
            if (space) text.Append(' ');
            space = false;
            text.Append(c);
        }
        return text.ToString();
    }
}
