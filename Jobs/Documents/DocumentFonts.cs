namespace PartnerPrograms.Jobs.Documents;

/// <summary>
/// Sarabun (SIL OFL 1.1, licence beside the files) embedded as data: URLs, so a printed document never depends on the
/// fonts installed on the machine and Thai always renders in the same face.
/// </summary>
public static class DocumentFonts
{
    public static string FontFaceCss { get; } = Build();

    private static string Build()
    {
        var asm = typeof(DocumentFonts).Assembly;
        var css = new System.Text.StringBuilder();
        var subsets = new[]
        {
            ("thai", "U+02D7, U+0303, U+0331, U+0E01-0E5B, U+200C-200D, U+25CC"),
            ("latin", "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC, " +
                      "U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"),
        };
        foreach (var (subset, range) in subsets)
            foreach (var weight in new[] { 400, 700 })
            {
                var name = $"PartnerPrograms.Jobs.Documents.Fonts.sarabun-{subset}-{weight}-normal.woff2";
                using var stream = asm.GetManifestResourceStream(name) ?? throw new InvalidOperationException("Missing font resource " + name);
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                css.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"@font-face{{font-family:'Sarabun';font-style:normal;font-weight:{weight};" +
                    $"src:url(data:font/woff2;base64,{Convert.ToBase64String(ms.ToArray())}) format('woff2');" +
                    $"unicode-range:{range};}}\n");
            }
        return css.ToString();
    }
}
