using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Jobs.Documents;

// Benchmarks (not run by CI): dotnet run -c Release --project tests/Performance -- <verb> [options]
//   certificates [--count 515] [--batch 1] [--concurrency 2]   print certificate PDFs, report per-second figures
//   issue [--count 515]   end to end on a throwaway PostgreSQL: a closed cohort of N completed enrolments, the issuing
//                         job's work (print, store PDF + SHA-256, queue e-mails) and its ZIP; reports time and per second
//   generate [--scale 1.0] [--seed 42] [--data-dir DIR | --connection CS]   national-scale data by binary COPY
//   bench [--data-dir DIR | --connection CS] [--seconds 10] [--clients 1,8,32] [--out FILE] [--only a,b]   portal vs reference
//   import [--existing 100000] [--rows 10000] [--matching 20] [--repeat 3]   trainee import preview and confirm on a throwaway PostgreSQL
//   reminders [--mous 10000] [--actions-per-mou 20] [--organizations 500]   the daily reminder scan at national scale
var verb = args.FirstOrDefault() ?? "help";
int Option(string name, int fallback) => args.SkipWhile(a => a != "--" + name).Skip(1).Select(int.Parse).DefaultIfEmpty(fallback).First();
string? Text(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault();
double Number(string name, double fallback) => Text(name) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

switch (verb)
{
    case "soak": Environment.ExitCode = await PartnerPrograms.Performance.SoakTest.RunAsync(args); break;
    case "reminders":
        await PartnerPrograms.Performance.ReminderBenchmark.RunAsync(Option("mous", 10_000), Option("actions-per-mou", 20), Option("organizations", 500));
        break;
    case "certificates":
        await CertificatesAsync(Option("count", 515), Option("batch", 1), Option("concurrency", 2));
        break;
    case "generate":
        await PartnerPrograms.Performance.Generator.RunCommandAsync(Number("scale", 1.0), Option("seed", 42), Text("data-dir"), Text("connection"));
        break;
    case "bench":
        Environment.ExitCode = await PartnerPrograms.Performance.Bench.RunAsync(new PartnerPrograms.Performance.BenchOptions(
            Text("data-dir"), Text("connection"), Number("seconds", 10), Text("clients") ?? "1,8,32", Text("out"), Text("only"), Text("web-dll")));
        break;
    case "migrate":
        await PartnerPrograms.Performance.Generator.MigrateAsync(Text("data-dir"), Text("connection"));
        break;
    case "reference":
        await PartnerPrograms.Performance.Reference.RunAsync(Text("connection")!, Option("port", 5099));
        break;
    case "import":
        await PartnerPrograms.Performance.ImportBenchmark.RunAsync(Option("existing", 100_000), Option("rows", 10_000), Option("matching", 20), Option("repeat", 3));
        break;
    case "issue":
        await PartnerPrograms.Performance.IssueBenchmark.RunAsync(Option("count", 515));
        break;
    default:
        Console.WriteLine("verbs: generate [--scale S] [--seed N] [--data-dir DIR|--connection CS] | bench [--data-dir DIR|--connection CS] [--seconds S] [--clients 1,8,32] [--out FILE] | certificates [--count N] [--batch B] [--concurrency C] | issue [--count N] | import [--existing N] [--rows N] [--matching PERCENT] [--repeat N] | reminders [--mous N] [--actions-per-mou N] [--organizations N]");
        break;
}

static async Task CertificatesAsync(int count, int batch, int concurrency)
{
    var services = new ServiceCollection().AddLogging().AddSingleton<PdfRenderer>().AddSingleton<DocumentRenderer>().BuildServiceProvider();
    var renderer = services.GetRequiredService<DocumentRenderer>();
    var printer = new CertificatePrinter(renderer);
    var models = Enumerable.Range(1, count).Select(i => new CertificateModel("มูลนิธิสัมมาชีพ", "Sammachiv Foundation", null,
        $"นางสาวญาณี ปิ่นแก้วฟ้า {i}", "Miss Yanee Pinkaewfa", "ไลฟ์สดเพื่อการขายและรีวิวสินค้า", "Live selling and product reviews", "รุ่นที่ 1/2564",
        new DateOnly(2021, 3, 1), new DateOnly(2021, 3, 5), 30, new DateOnly(2021, 3, 5),
        [new Signatory("นายสมชาย ใจดี", "ประธานมูลนิธิสัมมาชีพ"), new Signatory("นางสมศรี รักดี", "ผู้อำนวยการ")],
        CertificateCode.New(), "https://portal.example/verify/K7QF3M9DXA")).ToList();
    // warm-up: start Chromium
    await renderer.RenderPdfAsync<CertificateDocument>(new Dictionary<string, object?> { ["Items"] = models.Take(1).ToList() }, new PdfPageOptions(Landscape: true));
    var sw = Stopwatch.StartNew();
    // The production path: CertificatePrinter (batches of 50, one print each, split with qpdf), two batches at a time.
    var chunks = models.Chunk(Math.Max(batch, 1) == 1 ? CertificatePrinter.BatchSize : batch).ToList();
    using var gate = new SemaphoreSlim(concurrency);
    long bytes = 0;
    var files = 0;
    await Task.WhenAll(chunks.Select(async chunk =>
    {
        await gate.WaitAsync();
        try
        {
            var pdfs = await printer.PrintAsync(chunk, PdfPool.Jobs);
            Interlocked.Add(ref bytes, pdfs.Sum(p => (long)p.Length));
            Interlocked.Add(ref files, pdfs.Count);
        }
        finally { gate.Release(); }
    }));
    sw.Stop();
    Console.WriteLine($"certificates={count} files={files} batch={chunks[0].Length} concurrency={concurrency} seconds={sw.Elapsed.TotalSeconds:F2} perSecond={count / sw.Elapsed.TotalSeconds:F1} avgKBperFile={bytes / 1024 / Math.Max(1, files)}");
    await services.GetRequiredService<PdfRenderer>().DisposeAsync();
}
