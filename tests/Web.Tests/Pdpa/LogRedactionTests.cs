using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Identity;
using PartnerPrograms.Domain.Privacy;
using PartnerPrograms.Tests.Shared;
using PartnerPrograms.Web.Tests.Support;
using PartnerPrograms.Web.Tests.Training;

namespace PartnerPrograms.Web.Tests.Pdpa;

public class LogRedactorTests
{
    [Theory]
    [InlineData("trainee 1103700123458 saved", "trainee 1-1037-xxxxx-xx-8 saved")]
    [InlineData("id 1-1037-00123-45-8.", "id 1-1037-xxxxx-xx-8.")]
    [InlineData("id 1 1037 00123 45 8", "id 1-1037-xxxxx-xx-8")]
    [InlineData("เลข ๑๑๐๓๗๐๐๑๒๓๔๕๘ ครับ", "เลข 1-1037-xxxxx-xx-8 ครับ")]
    [InlineData("typo 1103700123459", "typo 1-1037-xxxxx-xx-9")] // a wrong check digit is still somebody's number
    [InlineData("mail to yanee.p@example.org failed", "mail to y***@example.org failed")]
    [InlineData("sales 6125553509 baht, phone 081-234-5678, batch 42", "sales 6125553509 baht, phone 081-234-5678, batch 42")]
    public void Masks_IDs_and_email_addresses_and_leaves_other_numbers(string input, string expected) =>
        LogRedactor.Redact(input).ShouldBe(expected);
}

/// <summary>Whatever the app logs while people are registered and imported, no full national ID or e-mail reaches a log sink.</summary>
public class LogRedactionTests : IAsyncLifetime
{
    private readonly CapturingProvider _capture = new();
    private CapturingFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new CapturingFactory(await TestDatabase.CreateAsync(), _capture);
        await _app.CreateUserAsync("staff@example.org", Roles.Staff);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Creating_and_importing_trainees_logs_no_full_national_ID_or_email()
    {
        var staff = await _app.SignedInClientAsync("staff@example.org");
        var ids = Enumerable.Range(0, 4).Select(_ => TrainingData.NewNationalId()).ToList();
        (await staff.SubmitFormAsync("/Trainees/Edit", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "มาลัย",
            ["Input.LastName"] = "ทองดี",
            ["Input.NationalId"] = NationalId.Format(ids[0]),
            ["Input.Email"] = "malai.t@example.org",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = await _app.ApiClientAsync("staff@example.org");
        (await api.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ก", lastName = "ข", nationalId = ids[1], email = "kor.k@example.org" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsJsonAsync("/api/v1/trainees", new { firstName = "ก", lastName = "ข", nationalId = ids[1] })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var csv = Encoding.UTF8.GetBytes($"ชื่อ,นามสกุล,เลขประจำตัวประชาชน,อีเมล\nนำเข้า,หนึ่ง,{ids[2]},one.import@example.org\nนำเข้า,สอง,{ids[2]},two@example.org\n");
        var preview = await staff.GetDocumentAsync((await staff.UploadAsync(csv, "people.csv")).Headers.Location!.OriginalString);
        await staff.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)preview.QuerySelector("form[data-testid=confirm-form]")!, "/Trainees/Import", new Dictionary<string, string>());
        // And the worst case: code that puts an ID and an address into a message, a structured value and an exception.
        var logger = _app.Services.GetRequiredService<ILogger<LogRedactionTests>>();
        logger.LogWarning("Could not match {NationalId} for {Email}", ids[3], "someone@example.org");
        logger.LogError(new InvalidOperationException($"duplicate {NationalId.Format(ids[3])} for someone@example.org"), "Import failed");
        logger.LogInformation("Number as a number: {Value}", long.Parse(ids[3], System.Globalization.CultureInfo.InvariantCulture));

        var log = _capture.Text;
        log.ShouldContain(NationalId.Mask(ids[3]), Case.Sensitive, "the logging really captured the worst case");
        log.ShouldContain("s***@example.org");
        log.ShouldContain("Import failed");
        foreach (var id in ids)
        {
            log.ShouldNotContain(id);
            log.ShouldNotContain(NationalId.Format(id));
        }
        foreach (var email in new[] { "malai.t@example.org", "kor.k@example.org", "one.import@example.org", "someone@example.org" })
            log.ShouldNotContain(email);
    }

    private sealed class CapturingFactory(string cs, CapturingProvider capture)
        : PortalFactory(cs, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(capture));
        }
    }

    /// <summary>A sink that writes what the console formatter would: message, structured values and exception text.</summary>
    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public string Text => string.Join("\n", _lines);
        public ILogger CreateLogger(string categoryName) => new Logger(_lines, categoryName);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
