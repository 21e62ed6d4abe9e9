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
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (s.Length > 0 && (s[0] == ' ' || s[^1] == ' ')) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    public byte[] ToXlsx()
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(MakeRow(header.Cast<object?>().ToArray()));
            foreach (var row in _rows) data.Append(MakeRow(row));
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName });
            workbook.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static Row MakeRow(object?[] cells)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            row.Append(cell switch
            {
                int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Text(cell)) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }
        return row;
    }

    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
