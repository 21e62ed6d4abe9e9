using System.Net;
using System.Text;

namespace PartnerPrograms.Jobs.Email;

/// <summary>
/// One look for every e-mail: a table layout with inline styles (what Gmail and Outlook render reliably), Thai font
/// stack, a button, and a footer with the unsubscribe link; plus the plain-text alternative with the same content.
/// </summary>
public sealed record EmailContent(string Subject, string Html, string Text);

public static class EmailLayout
{
    public sealed record Section(string? Heading, IReadOnlyList<string> Lines);

    public static EmailContent Build(string subject, string greeting, IEnumerable<string> intro, IEnumerable<Section> sections,
        string? buttonText, string? buttonUrl, string footer, string? unsubscribeText = null, string? unsubscribeUrl = null)
    {
        var introList = intro.ToList();
        var sectionList = sections.ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f5f7f6\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f5f7f6\"><tr><td align=\"center\" style=\"padding:24px 12px\">")
            .Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:600px;width:100%;background:#ffffff;border-radius:8px;font-family:Sarabun,'Leelawadee UI',Tahoma,Arial,sans-serif;font-size:16px;line-height:1.6;color:#1f2d2b\">")
            .Append("<tr><td style=\"background:#0b5e55;color:#ffffff;padding:16px 24px;border-radius:8px 8px 0 0;font-size:18px;font-weight:bold\">PartnerPrograms</td></tr>")
            .Append("<tr><td style=\"padding:24px\">")
            .Append("<p style=\"margin:0 0 12px\">").Append(E(greeting)).Append("</p>");
        foreach (var p in introList) html.Append("<p style=\"margin:0 0 12px\">").Append(E(p)).Append("</p>");
        foreach (var s in sectionList)
        {
            if (s.Heading is not null) html.Append("<h3 style=\"margin:16px 0 8px;font-size:17px;color:#0b5e55\">").Append(E(s.Heading)).Append("</h3>");
            html.Append("<ul style=\"margin:0 0 12px;padding-left:20px\">");
            foreach (var l in s.Lines) html.Append("<li style=\"margin:0 0 6px\">").Append(E(l)).Append("</li>");
            html.Append("</ul>");
        }
        if (buttonText is not null && buttonUrl is not null)
            html.Append("<p style=\"margin:20px 0\"><a href=\"").Append(E(buttonUrl)).Append("\" style=\"background:#0b5e55;color:#ffffff;padding:10px 20px;border-radius:6px;text-decoration:none;display:inline-block\">")
                .Append(E(buttonText)).Append("</a></p>");
        html.Append("<p style=\"margin:16px 0 0;color:#5a6b68;font-size:13px\">").Append(E(footer)).Append("</p>");
        if (unsubscribeUrl is not null)
            html.Append("<p style=\"margin:8px 0 0;font-size:12px\"><a href=\"").Append(E(unsubscribeUrl)).Append("\" style=\"color:#5a6b68\">").Append(E(unsubscribeText ?? "Unsubscribe")).Append("</a></p>");
        html.Append("</td></tr></table></td></tr></table></body></html>");

        var text = new StringBuilder();
        text.Append(greeting).Append("\n\n");
        foreach (var p in introList) text.Append(p).Append("\n\n");
        foreach (var s in sectionList)
        {
            if (s.Heading is not null) text.Append(s.Heading).Append('\n');
            foreach (var l in s.Lines) text.Append("- ").Append(l).Append('\n');
            text.Append('\n');
        }
        if (buttonText is not null && buttonUrl is not null) text.Append(buttonText).Append(": ").Append(buttonUrl).Append("\n\n");
        text.Append(footer).Append('\n');
        if (unsubscribeUrl is not null) text.Append(unsubscribeText ?? "Unsubscribe").Append(": ").Append(unsubscribeUrl).Append('\n');
        return new EmailContent(subject, html.ToString(), text.ToString());
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
