using System.Diagnostics;

namespace PartnerPrograms.Tests.Shared;

/// <summary>The real tools tests read documents with: pdftotext, pdfinfo, pdftoppm (poppler-utils), zbarimg (zbar-tools).</summary>
public static class Tools
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + file);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} exited {p.ExitCode}: {await error}");
        return await output;
    }

    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = await WriteTempAsync(pdf, ".pdf");
        try { return await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", path, "-"); }
        finally { File.Delete(path); }
    }

    /// <summary>
    /// Every character of <paramref name="expected"/>, in order, with only white space disregarded. pdftotext guesses
    /// spaces from glyph gaps, and at large sizes it adds one after a stacked Thai mark (ปิ่ น) because Chromium
    /// positions mark glyphs with a negative offset; the characters themselves must all be there, in order.
    /// </summary>
    public static void ShouldContainText(this string extracted, string expected)
    {
        static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        Squash(extracted).ShouldContain(Squash(expected), customMessage: $"expected \"{expected}\" in the PDF text");
    }

    public static async Task<int> PdfPageCountAsync(byte[] pdf)
    {
        var path = await WriteTempAsync(pdf, ".pdf");
        try
        {
            var info = await RunAsync("pdfinfo", path);
            var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally { File.Delete(path); }
    }

    /// <summary>Renders PDF pages to PNG files under the test artifacts folder, for people to look at; returns their paths.</summary>
    public static async Task<string[]> PdfToPngAsync(byte[] pdf, string name, int dpi = 70)
    {
        var dir = ArtifactsDirectory();
        var path = Path.Combine(dir, name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        await RunAsync("pdftoppm", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), path, Path.Combine(dir, name));
        return Directory.GetFiles(dir, name + "*.png").Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Decodes QR codes in a PNG with zbarimg; returns their texts.</summary>
    public static async Task<string[]> DecodeQrAsync(string pngPath)
    {
        var output = await RunAsync("zbarimg", "--quiet", "--raw", pngPath);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>tests/artifacts under the repository (git-ignored): screenshots and rendered pages are kept there.</summary>
    public static string ArtifactsDirectory()
    {
        var root = RepositoryRoot();
        return Directory.CreateDirectory(root is null ? Path.Combine(Path.GetTempPath(), "pp-artifacts")
            : Path.Combine(root, "artifacts", "tests")).FullName;
    }

    /// <summary>The folder holding PartnerPrograms.sln above the test binaries, or null when run from elsewhere.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPrograms.sln"))) return dir.FullName;
        return null;
    }

    private static async Task<string> WriteTempAsync(byte[] content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "pp-" + Guid.NewGuid().ToString("N")[..12] + extension);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }
}
