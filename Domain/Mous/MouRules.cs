using System.Text.RegularExpressions;

namespace PartnerPrograms.Domain.Mous;

/// <summary>Pure rules of MOUs and their actions: no database, unit-tested.</summary>
public static partial class MouRules
{
    public const int DueSoonDays = 14;
    public const long MaxAttachmentBytes = 5 * 1024 * 1024;

    [GeneratedRegex(@"^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙\-/.]{1,39}$")]
    private static partial Regex CodePattern();

    public static IReadOnlyList<MouTransition> AllowedTransitions(MouStatus status, DateOnly endDate, DateOnly today) => status switch
    {
        MouStatus.Draft when endDate >= today => [MouTransition.Activate],
        MouStatus.Active => [MouTransition.Terminate, MouTransition.Renew],
        MouStatus.Expired => [MouTransition.Renew],
        _ => [],
    };

    /// <summary>Overdue: a due date before today on an action that is neither done nor cancelled.</summary>
    public static bool IsOverdue(DateOnly? due, ActionStatus status, DateOnly today) =>
        due is { } d && d < today && IsOpen(status);

    public static bool IsDueSoon(DateOnly? due, ActionStatus status, DateOnly today) =>
        due is { } d && d >= today && d <= today.AddDays(DueSoonDays) && IsOpen(status);

    public static bool IsOpen(ActionStatus status) => status is not (ActionStatus.Done or ActionStatus.Cancelled);

    /// <summary>Field → message for an invalid MOU draft; empty when valid. Field names are the API's (camelCase).</summary>
    public static Dictionary<string, string[]> Validate(MouDraft d)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(d.Code)) e["code"] = ["The code is required."];
        else if (!CodePattern().IsMatch(d.Code.Trim())) e["code"] = ["The code may hold letters, digits, '-', '/' and '.', 2 to 40 characters."];
        if (string.IsNullOrWhiteSpace(d.Title)) e["title"] = ["The title is required."];
        else if (d.Title.Length > 500) e["title"] = ["The title is too long."];
        if (d.StartDate is null) e["startDate"] = ["The start of the term is required."];
        if (d.EndDate is null) e["endDate"] = ["The end of the term is required."];
        else if (d.StartDate is { } s && d.EndDate < s) e["endDate"] = ["The term must end after it starts."];
        var parties = d.Parties ?? [];
        if (parties.Select(p => p.OrganizationId).Where(id => id > 0).Distinct().Count() < 2)
            e["parties"] = ["An MOU needs at least two different parties."];
        else if (parties.GroupBy(p => p.OrganizationId).Any(g => g.Count() > 1))
            e["parties"] = ["An organisation can be a party only once."];
        else if (parties.Any(p => string.IsNullOrWhiteSpace(p.SignatoryName)))
            e["parties"] = ["Every party needs its signatory's name."];
        return e;
    }

    public static Dictionary<string, string[]> ValidateUpdate(string? text, int? percent)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text)) e["text"] = ["Write what was done."];
        else if (text.Length > 4000) e["text"] = ["The text is too long."];
        if (percent is null) e["percent"] = ["The percentage is required."];
        else if (percent is < 0 or > 100) e["percent"] = ["The percentage must be between 0 and 100."];
        return e;
    }

    public static Dictionary<string, string[]> ValidateAction(string? title, long responsibleOrganizationId, IEnumerable<long> partyOrganizationIds)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title)) e["title"] = ["Say what is to be done."];
        else if (title.Length > 1000) e["title"] = ["The text is too long."];
        if (!partyOrganizationIds.Contains(responsibleOrganizationId))
            e["responsibleOrganizationId"] = ["The responsible organisation must be a party to the MOU."];
        return e;
    }

    /// <summary>A cancelled action stays cancelled; everything else may move.</summary>
    public static void EnsureStatusChange(ActionStatus from, ActionStatus to)
    {
        if (from == ActionStatus.Cancelled && to != ActionStatus.Cancelled)
            throw new RuleViolationException("A cancelled action cannot be reopened.");
    }

    /// <summary>What a file really is, by its first bytes, or null when it is not an accepted kind (PDF, PNG, JPEG).</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        return null;
    }

    /// <summary>Checks an upload; returns its real content type or throws with the reason.</summary>
    public static string CheckAttachment(string fileName, ReadOnlySpan<byte> content)
    {
        if (content.Length == 0) throw new RuleViolationException("The file is empty.");
        if (content.Length > MaxAttachmentBytes) throw new RuleViolationException("The file is larger than 5 MB.");
        var type = DetectContentType(content) ?? throw new RuleViolationException("Only PDF, PNG or JPEG files are accepted.");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var expected = type switch { "application/pdf" => new[] { ".pdf" }, "image/png" => [".png"], _ => [".jpg", ".jpeg"] };
        if (!expected.Contains(ext)) throw new RuleViolationException("The file's name does not match its content.");
        return type;
    }
}
