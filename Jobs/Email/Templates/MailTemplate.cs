using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace PartnerPrograms.Jobs.Email.Templates;

/// <summary>
/// What every e-mail template is: it writes its <see cref="MailContent"/> in the current (the recipient's) culture
/// with the portal's localiser (English keys, Thai in Web/Resources/Emails.th.json) and shows it on
/// <see cref="MailLayout"/>. The footer is the same for every e-mail, so it is written here and nowhere else.
/// </summary>
public abstract class MailTemplate : ComponentBase
{
    [Inject] protected IStringLocalizer L { get; set; } = null!;

    /// <summary>The footer's unsubscribe page; null for a mail that cannot be turned off or to a bare address.
    /// </summary>
    [Parameter] public string? UnsubscribeUrl { get; set; }

    /// <summary>Told what was written, for the subject and the plain-text part.</summary>
    [Parameter] public Action<MailContent>? Composed { get; set; }

    protected MailContent Content { get; private set; } = null!;

    protected static bool Thai => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "th";

    /// <summary>A date as people read it in the recipient's language ("2 มีนาคม 2570", "2 March 2027").</summary>
    protected static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    protected abstract MailContent Compose();

    /// <summary>A mail to <paramref name="name"/> ("Dear …"), with the common footer.</summary>
    protected MailContent Mail(string subject, string name, IReadOnlyList<string> intro,
        IReadOnlyList<MailSection> sections, MailButton? button) =>
        new(subject, L["Dear {0}", name], intro, sections, button,
            L["This e-mail was sent automatically by PartnerPrograms."],
            UnsubscribeUrl is null ? null : L["Unsubscribe from these e-mails"].Value, UnsubscribeUrl);

    protected override void OnParametersSet()
    {
        Content = Compose();
        Composed?.Invoke(Content);
    }
}
