using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Infrastructure;
using PartnerPrograms.Web.Tests.Support;

namespace PartnerPrograms.Web.Tests.Skeleton;

/// <summary>
/// A key two features translate differently ("Title": an MOU's ชื่อเรื่อง, a person's คำนำหน้า) must show each
/// feature its own text. It once showed คำนำหน้า as the label of an MOU's title, on the form and in the MOU list.
/// </summary>
public partial class FeatureTextsTests : IAsyncLifetime
{
    private PortalFactory _app = null!;
    public async Task InitializeAsync() => _app = await PortalFactory.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_MOU_title_is_labelled_as_a_title_and_the_trainee_title_as_a_name_prefix()
    {
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
        var staff = await _app.SignedInClientAsync("staff@example.org");

        var mouForm = await staff.GetDocumentAsync("/Mous/Edit");
        // The label's words, without the star that marks the title as required.
        mouForm.QuerySelector("label[for=Input_Title]")!.TextContent.Replace("*", "").Trim().ShouldBe("ชื่อเรื่อง");
        var mouList = await staff.GetDocumentAsync("/Mous");
        var headers = mouList.QuerySelectorAll("th").Select(th => th.TextContent.Trim()).ToList();
        headers.ShouldContain("ชื่อเรื่อง");
        headers.ShouldNotContain("คำนำหน้า");

        var traineeForm = await staff.GetDocumentAsync("/Trainees/Edit");
        traineeForm.QuerySelector("label[for=Input_Title]")!.TextContent.Trim().ShouldBe("คำนำหน้า");
    }

    /// <summary>Every key whose Thai differs between feature files, read on each owning feature's pages.</summary>
    [Fact]
    public void Each_feature_reads_its_own_text_for_a_key_another_feature_translates_differently()
    {
        var conflicts = Conflicts();
        conflicts.ShouldNotBeEmpty("the check needs at least one such key (Title) to mean anything");
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = PortalCultures.Thai;
            foreach (var (key, byFeature) in conflicts)
                foreach (var (feature, text) in byFeature)
                {
                    var path = new PathString("/" + feature + "/Index");
                    var l = new JsonStringLocalizer(
                        ThaiStrings.Load(), ThaiStrings.LoadEnglish(), () => JsonStringLocalizerFactory.FeatureOf(path));
                    l[key].Value.ShouldBe(text, $"'{key}' on the {feature} pages");
                }
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    /// <summary>
    /// Outside the features that define such a key, which text wins is an accident of file order: so no other page
    /// may ask for it. A page that needs it adds its own text to its own feature's file.
    /// </summary>
    [Fact]
    public void A_key_features_translate_differently_is_used_only_by_the_pages_of_those_features()
    {
        var conflicts = Conflicts();
        var pages = Path.Combine(ShellTests.FindRepositoryRoot(), "Web", "Pages");
        var misplaced = new List<string>();
        foreach (var file in Directory.EnumerateFiles(pages, "*.cs*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(pages, file).Replace('\\', '/');
            var feature = JsonStringLocalizerFactory.FeatureOf(new PathString("/" + relative));
            foreach (Match m in LocalizerKey().Matches(File.ReadAllText(file)))
                if (conflicts.TryGetValue(m.Groups[1].Value, out var owners) && !owners.ContainsKey(feature ?? ""))
                    misplaced.Add($"{relative}: \"{m.Groups[1].Value}\"");
        }
        misplaced.ShouldBeEmpty();
    }

    /// <summary>The MOU history's phrases are localiser keys written where the change happens (MOU pages and jobs).</summary>
    [Fact]
    public void Every_phrase_of_the_MOU_history_has_Thai()
    {
        var root = ShellTests.FindRepositoryRoot();
        var templates = new[] { "Web/Pages/Mous", "Jobs/Mous" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => AuditTemplate().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        templates.Count.ShouldBeGreaterThan(15);
        var mous = ThaiStrings.ThaiByFeature()["Mous"];
        templates.Where(t => !mous.ContainsKey(t)).ShouldBeEmpty();
    }

    private static Dictionary<string, Dictionary<string, string>> Conflicts()
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (feature, texts) in ThaiStrings.ThaiByFeature())
            foreach (var (key, text) in texts)
            {
                if (!result.TryGetValue(key, out var owners)) result[key] = owners = new(StringComparer.OrdinalIgnoreCase);
                owners[feature] = text;
            }
        return result.Where(kv => kv.Value.Values.Distinct().Count() > 1).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    [GeneratedRegex(@"\b[Ll]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"(?:AuditPhrase\.Of|\bSet|\bSetDate)\(\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex AuditTemplate();
}
