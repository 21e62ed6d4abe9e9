namespace PartnerPrograms.Jobs.Documents;

public sealed record SignInSheetRow(int Number, string Name, string? Organisation);
