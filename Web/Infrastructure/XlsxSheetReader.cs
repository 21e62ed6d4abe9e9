using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartnerPrograms.Web.Infrastructure;

/// <summary>
/// Reads the first sheet of an .xlsx as a stream of XML elements (OpenXmlReader), never as a document tree: memory
/// grows with the rows kept, not with the sheet's XML. Cells are placed by their reference, but a row is never padded
/// out to a far reference: a value past <see cref="SpreadsheetReader.Limits.MaxColumns"/> is refused at once (a cell
/// at ZZZZZZ1 used to make a row of 321 million empty strings), and an empty or style-only cell out there is ignored,
/// as Excel leaves those behind. Shared strings are read once, also as a stream.
/// </summary>
internal static class XlsxSheetReader
{
    public static SpreadsheetReader.Sheet Read(Stream stream, SpreadsheetReader.Limits limits)
    {
        // The part size cap also holds if an entry's header lies about its size.
        using var doc = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = SpreadsheetReader.MaxUncompressedBytes });
        var workbook = doc.WorkbookPart ?? throw new SpreadsheetReader.FileProblem(SpreadsheetReader.Empty);
        var first = workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().FirstOrDefault()
            ?? throw new SpreadsheetReader.FileProblem(SpreadsheetReader.Empty);
        var part = (WorksheetPart)workbook.GetPartById(first.Id!);
        var shared = workbook.SharedStringTablePart is { } table ? SharedStrings(table) : [];

        string[]? header = null;
        var rows = new List<(int, string[])>();
        var rowNumber = 0;
        var cells = new List<(int Column, string Text)>();
        var nextColumn = 0;
        var inCell = false;
        string? cellType = null;
        string? reference = null;
        var column = 0;
        string? value = null;
        StringBuilder? inline = null;

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    rowNumber = Attribute(reader, "r") is { } r
                                && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : rowNumber + 1;
                    cells.Clear();
                    nextColumn = 0;
                }
                if (reader.IsEndElement) FinishRow();
            }
            else if (type == typeof(Cell))
            {
                if (reader.IsStartElement)
                {
                    reference = Attribute(reader, "r");
                    column = reference is null ? nextColumn : ColumnIndex(reference, limits.MaxColumns);
                    cellType = Attribute(reader, "t");
                    inCell = true;
                    value = null;
                    inline = null;
                }
                if (reader.IsEndElement && inCell) FinishCell();
            }
            else if (inCell && reader.IsStartElement && type == typeof(CellValue)) value = reader.GetText();
            else if (inCell && reader.IsStartElement && type == typeof(Text)) (inline ??= new StringBuilder()).Append(reader.GetText());
        }
        if (header is null) throw new SpreadsheetReader.FileProblem(SpreadsheetReader.Empty);
        return new SpreadsheetReader.Sheet(header, rows);

        void FinishCell()
        {
            var text = CellText(cellType, value, inline?.ToString(), shared);
            inCell = false;
            nextColumn = column == int.MaxValue ? int.MaxValue : column + 1;
            if (string.IsNullOrWhiteSpace(text)) return;
            if (column >= limits.MaxColumns)
                throw SpreadsheetReader.TooWide(rowNumber, reference is null ? "" : Letters(reference), limits.MaxColumns);
            cells.Add((column, text));
        }

        void FinishRow()
        {
            if (cells.Count == 0) return;
            var values = new string[cells.Max(c => c.Column) + 1];
            Array.Fill(values, "");
            foreach (var (c, text) in cells) values[c] = text.Trim();
            cells.Clear();
            if (header is null) { header = values; return; }
            if (rows.Count >= limits.MaxRows) throw SpreadsheetReader.TooLong(limits.MaxRows);
            rows.Add((rowNumber, values));
        }
    }

    /// <summary>Every shared string in order; rich-text runs joined, phonetic guides (rPh) left out as Excel shows them.</summary>
    private static string[] SharedStrings(SharedStringTablePart part)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var phonetic = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var type = reader.ElementType;
            if (type == typeof(SharedStringItem))
            {
                if (reader.IsStartElement) current.Clear();
                if (reader.IsEndElement) result.Add(current.ToString());
            }
            else if (type == typeof(PhoneticRun))
            {
                if (reader.IsStartElement) phonetic++;
                if (reader.IsEndElement) phonetic--;
            }
            else if (type == typeof(Text) && reader.IsStartElement && phonetic == 0) current.Append(reader.GetText());
        }
        return result.ToArray();
    }

    private static string? Attribute(OpenXmlReader reader, string name)
    {
        foreach (var a in reader.Attributes)
            if (a.LocalName == name && string.IsNullOrEmpty(a.NamespaceUri)) return a.Value;
        return null;
    }

    /// <summary>A cell's text by its type attribute (t): s = shared string, inlineStr, b = boolean, n or none = number.</summary>
    private static string CellText(string? type, string? value, string? inline, string[] shared)
    {
        if (type == "s")
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "";
        if (type == "inlineStr") return inline ?? "";
        if (type == "b") return value == "1" ? "TRUE" : "FALSE";
        var text = value ?? "";
        // A 13-digit ID typed as a number may come back as 1.10370012345E+12: write it out in full.
        if (type is null or "n" && text.Contains('E', StringComparison.OrdinalIgnoreCase) &&
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var big))
            return big.ToString("0", CultureInfo.InvariantCulture);
        return text;
    }

    /// <summary>0-based column of a reference such as "C7"; int.MaxValue once it is past the limit (no overflow on "ZZZZZZZZZZZZ1").</summary>
    internal static int ColumnIndex(string reference, int maxColumns)
    {
        long n = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch)) break;
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (n > maxColumns) return int.MaxValue;
        }
        return (int)Math.Max(0, n - 1);
    }

    /// <summary>The column letters of a reference, shortened for a message.</summary>
    private static string Letters(string reference)
    {
        var letters = new string(reference.TakeWhile(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
        return letters.Length > 8 ? letters[..8] + "…" : letters;
    }
}
