using System.Text;

namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>The plain-text alternative of <see cref="MailLayout"/>: the same content, in the same order.</summary>
public static class MailText
{
    public static string Write(MailContent mail)
    {
        var text = new StringBuilder();
        text.Append(mail.Greeting).Append("\n\n");
        foreach (var p in mail.Intro) text.Append(p).Append("\n\n");
        foreach (var s in mail.Sections)
        {
            if (s.Heading is not null) text.Append(s.Heading).Append('\n');
            foreach (var l in s.Lines) text.Append("- ").Append(l).Append('\n');
            text.Append('\n');
        }
        if (mail.Button is { } b) text.Append(b.ShowUrl ? b.Url : $"{b.Text}: {b.Url}").Append("\n\n");
        text.Append(mail.Footer).Append('\n');
        if (mail.UnsubscribeUrl is not null)
            text.Append(mail.UnsubscribeText).Append(": ").Append(mail.UnsubscribeUrl).Append('\n');
        return text.ToString();
    }
}
