using System.Globalization;

namespace PartnerPrograms.Domain.Communities;

/// <summary>One step of the decision: an English template (translated by the pages) and its numbers.</summary>
public sealed record ClassificationReason(string Template, params string[] Args)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, Args);
}
