namespace PartnerPrograms.Jobs.Documents;

/// <summary>What a session's sign-in sheet (ใบลงทะเบียน) prints: the heading lines and one row per trainee.</summary>
public sealed record SignInSheet(
    string CourseTitle, string CohortName, string Topic, string DateText, string TimeText, string? Place,
    string? Organisations, IReadOnlyList<SignInSheetRow> Rows);
