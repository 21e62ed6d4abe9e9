using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// The one reader for uploaded tables (trainee and community imports): .xlsx, or CSV in UTF-8 (with or without BOM)
/// or the Thai Windows code page 874, told apart by content, never by the file name. In order, before anything is
/// parsed: the size limit; the type from the first bytes; for .xlsx, the zip's central directory (entry count, total
/// uncompressed size, compression ratio) so a zip bomb is refused without inflating it. Returns the header and the
/// rows with their row numbers as the user sees them in Excel, within <see cref="Limits"/> (rows and columns: a file
/// past them is refused whole, never half read). Problems are <see cref="FileProblem"/> with an English localizer key
/// (Thai text in Resources/Security.th.json and DataHandling.th.json).
/// CSV is parsed here (RFC 4180, ~50 lines) rather than with CsvHelper: the 34.0.0 package on this source is a new
/// API that we could not check against documentation; the formats are small and tested.
/// </summary>
public static class SpreadsheetReader
{
    public sealed record Sheet(IReadOnlyList<string> Header, IReadOnlyList<(int Row, string[] Cells)> Rows);

    /// <summary>The most data rows (after the header) and columns an import reads.</summary>
    public sealed record Limits(int MaxRows, int MaxColumns = Limits.DefaultMaxColumns)
    {
        public const int DefaultMaxColumns = 100;
        public static Limits Default { get; } = new(50_000);
    }

    /// <summary>A file that cannot be read at all; the message is an English localizer key, <see cref="Args"/> its {0}, {1} ….</summary>
    public sealed class FileProblem(string message, params string[] args) : Exception(message)
    {
        public string[] Args { get; } = args;
        public string? Arg => Args.Length > 0 ? Args[0] : null;
    }

    public const string NotATable = "This is not a CSV or Excel (.xlsx) file. In Excel, use Save As and choose CSV UTF-8 or Excel Workbook.";
    public const string Broken = "The Excel file is damaged or incomplete. Open it in Excel, save it again and upload it once more.";
    public const string Bomb = "The Excel file unpacks to far more data than an import can hold. Save the sheet as CSV UTF-8 and upload that.";
    public const string TooLarge = "The file is too large (at most {0} MB).";
    public const string Empty = "The file is empty.";
    public const string TooManyColumns = "Row {0} has data in column {1}, past the last column an import reads ({2}). Delete what is to the right of your table, or copy the table to a new sheet, and upload again.";
    public const string TooManyRows =
        "The file has more than {0} rows of data, the most one import takes. Nothing was imported: split it into smaller files and import each.";

    /// <summary>An import sheet is at most a few tens of MB once unpacked; Excel compresses text about 5–20:1.</summary>
    public const int MaxUncompressedBytes = 200 * 1024 * 1024;
    public const int MaxEntries = 500;
    public const int MaxRatio = 200;

    static SpreadsheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads an uploaded stream into memory, refusing it before reading a byte more than <paramref name="maxBytes"/>
    /// (the declared length first, then the bytes actually read).</summary>
    public static async Task<byte[]> ReadUploadAsync(Stream upload, long? declaredLength, long maxBytes, CancellationToken ct = default)
    {
        if (declaredLength > maxBytes) throw TooBig(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) throw TooBig(maxBytes);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    private static FileProblem TooBig(long maxBytes) =>
        new(TooLarge, (maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture));

    internal static FileProblem TooWide(int row, string column, int maxColumns) =>
        new(TooManyColumns, row.ToString(CultureInfo.InvariantCulture), column, ColumnLetters(maxColumns));

    internal static FileProblem TooLong(int maxRows) => new(TooManyRows, maxRows.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>Excel's name of a 1-based column: 1 → A, 100 → CV.</summary>
    public static string ColumnLetters(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    public static Sheet Read(byte[] bytes, long maxBytes = long.MaxValue, Limits? limits = null)
    {
        limits ??= Limits.Default;
        if (bytes.Length > maxBytes) throw TooBig(maxBytes);
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0xEF or 0xBB or 0xBF))
            throw new FileProblem(Empty);
        if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8)) return ReadXlsx(bytes, limits);
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (sample.IndexOf((byte)0) >= 0 || sample.StartsWith("%PDF"u8)
            || sample.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }) || sample.StartsWith("PK"u8))
            throw new FileProblem(NotATable);
        return ReadCsv(Decode(bytes), limits);
    }

    /// <summary>
    /// Reads only the zip's central directory: too many entries, too much declared uncompressed data or an entry that
    /// compresses better than any real sheet are refused before anything is inflated; an unreadable directory is a
    /// damaged file.
    /// </summary>
    public static void CheckArchive(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries) throw new FileProblem(Bomb);
            long total = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (total > MaxUncompressedBytes) throw new FileProblem(Bomb);
                if (e.Length > 1024 * 1024 && e.Length / Math.Max(1, e.CompressedLength) > MaxRatio) throw new FileProblem(Bomb);
            }
        }
        catch (InvalidDataException) { throw new FileProblem(Broken); }
    }

    /// <summary>Valid UTF-8 is UTF-8 (BOM or not); anything else is taken as Thai Windows-874 (TIS-620), as older Excel saves it.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var text = utf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(874).GetString(bytes);
        }
    }

    private static Sheet ReadCsv(string text, Limits limits)
    {
        string[]? header = null;
        var rows = new List<(int, string[])>();
        foreach (var (row, record) in ParseCsv(text, DetectDelimiter(text), limits.MaxColumns))
        {
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            var cells = record.Select(c => c.Trim()).ToArray();
            if (header is null) { header = cells; continue; }
            if (rows.Count >= limits.MaxRows) throw TooLong(limits.MaxRows);
            rows.Add((row, cells));
        }
        if (header is null) throw new FileProblem(Empty);
        return new Sheet(header, rows);
    }

    /// <summary>Comma, semicolon or tab: whichever the first line has most of, outside quotes.</summary>
    private static char DetectDelimiter(string text)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted && counts.ContainsKey(c)) counts[c]++;
        }
        return counts.MaxBy(kv => kv.Value).Value == 0 ? ',' : counts.MaxBy(kv => kv.Value).Key;
    }

    /// <summary>
    /// RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks. Row numbers count records
    /// from 1. Fields past <paramref name="maxFields"/> are dropped when empty (trailing delimiters Excel leaves) and
    /// refused when not, so a line of a million delimiters never becomes a million strings.
    /// </summary>
    public static IEnumerable<(int Row, string[] Fields)> ParseCsv(string text, char delimiter = ',', int maxFields = int.MaxValue)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var row = 0;
        var any = false;
        var column = 0;
        void EndField()
        {
            column++;
            if (column <= maxFields) fields.Add(field.ToString());
            else if (!string.IsNullOrWhiteSpace(field.ToString())) throw TooWide(row + 1, ColumnLetters(column), maxFields);
            field.Clear();
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else field.Append(c);
                continue;
            }
            if (c == '"' && field.Length == 0) { quoted = true; any = true; }
            else if (c == delimiter) { EndField(); any = true; }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndField();
                yield return (++row, fields.ToArray());
                fields.Clear();
                column = 0;
                any = false;
            }
            else { field.Append(c); any = true; }
        }
        if (any || field.Length > 0 || fields.Count > 0)
        {
            EndField();
            yield return (++row, fields.ToArray());
        }
    }

    private static Sheet ReadXlsx(byte[] bytes, Limits limits)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            CheckArchive(stream);
            stream.Position = 0;
            return XlsxSheetReader.Read(stream, limits);
        }
        catch (Exception e) when (e is not FileProblem)
        {
            throw new FileProblem(Broken);
        }
    }
}
