using System.Globalization;
using PartnerPrograms.Jobs.Documents;
using PartnerPrograms.Jobs.Email.Templates;

namespace PartnerPrograms.Jobs.Email;

/// <summary>Renders an e-mail template in the recipient's language, the way the PDF documents are rendered.</summary>
public sealed class MailRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    private static readonly CultureInfo Thai = CultureInfo.GetCultureInfo("th-TH");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Language(string? preferred) => preferred == "en" ? "en" : "th";

    public async Task<RenderedMail> RenderAsync<TMail>(string language, IDictionary<string, object?> parameters,
        string? unsubscribeUrl) where TMail : MailTemplate
    {
        MailContent? content = null;
        var all = new Dictionary<string, object?>(parameters)
        {
            [nameof(MailTemplate.UnsubscribeUrl)] = unsubscribeUrl,
            [nameof(MailTemplate.Composed)] = (Action<MailContent>)(c => content = c),
        };
        var culture = language == "en" ? English : Thai;
        var html = await ComponentHtml.RenderAsync<TMail>(services, loggerFactory, all, culture);
        return new RenderedMail(content!.Subject, html, MailText.Write(content));
    }
}
