namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// A page whose forms show a refused change beside the input (rather than as a flash after a redirect). When a POST
/// handler throws <see cref="RuleViolationException"/>, <see cref="RuleViolationPageFilter"/> puts the messages into
/// ModelState, runs <see cref="LoadAsync"/> (the same load the page's OnGet runs, so the page has its data again while
/// the bound input stays as posted) and renders the page.
/// </summary>
public interface IRedisplayPage
{
    /// <summary>Reads what the page shows; false when the record is gone (the answer becomes 404).</summary>
    Task<bool> LoadAsync();

    /// <summary>The ModelState key of a domain field (camelCase, as the API names it); "" stays model-level.</summary>
    string FieldKey(string field) => field;

    /// <summary>After the reload: e.g. on a version conflict the input is kept and the current version taken.</summary>
    void OnRedisplay(RuleViolationException violation) { }
}
