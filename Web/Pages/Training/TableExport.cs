using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PartnerPrograms.Web.Pages.Training;

/// <summary>
/// A table written as CSV (UTF-8 with BOM, so Excel shows Thai) or XLSX. Text that Excel would read as a formula
/// (starting with = + - @, tab or CR) gets a leading apostrophe; numbers are written as numbers.
/// </summary>
public sealed class TableExport(string sheetName, IReadOnlyList<string> header)
{
    private readonly List<object?[]> _rows = [];
    public void Add(params object?[] cells) => _rows.Add(cells);
    private string SheetName => sheetName;
    private IReadOnlyList<string> Header => header;

    public static string Neutralize(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Text(object? cell) => cell switch
    {
        null => "",
        string s => Neutralize(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Neutralize(cell.ToString()),
    };

    public byte[] ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(h => Quote(Neutralize(h)))).Append("\r\n");
        foreach (var row in _rows) sb.AppendJoin(',', row.Select(c => Quote(Text(c)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (s.Length > 0 && (s[0] == ' ' || s[^1] == ' '))
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : s;

    public byte[] ToXlsx() => ToXlsx([this]);

    /// <summary>Several tables as one workbook, a sheet each (e.g. a report's breakdowns).</summary>
    public static byte[] ToXlsx(IReadOnlyList<TableExport> tables)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var table in tables)
            {
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(MakeRow(table.Header.Cast<object?>().ToArray()));
                foreach (var row in table._rows) data.Append(MakeRow(row));
                sheetPart.Worksheet = new Worksheet(data);
                var name = table.SheetName.Length > 31 ? table.SheetName[..31] : table.SheetName;
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = id++, Name = name });
            }
            workbook.Workbook.Save();
        }
        return ms.ToArray();
    }

    /// <summary>Several tables in one CSV (UTF-8 with BOM): each under a line with its name, a blank line between.</summary>
    public static byte[] ToCsv(IReadOnlyList<TableExport> tables)
    {
        var parts = tables.Select(t => Encoding.UTF8.GetString(t.ToCsv().AsSpan(Encoding.UTF8.Preamble.Length)));
        var text = string.Join("\r\n", tables.Zip(parts, (t, csv) => Quote(Neutralize(t.SheetName)) + "\r\n" + csv));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    private static Row MakeRow(object?[] cells)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            row.Append(cell switch
            {
                int or long or decimal or double => new Cell
                {
                    DataType = CellValues.Number,
                    CellValue = new CellValue(((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture)),
                },
                _ => new Cell
                {
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Text(cell)) { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }
        return row;
    }

    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
