using PartnerPrograms.Domain.Certificates;
using PartnerPrograms.Domain.Common;

namespace PartnerPrograms.Domain.Tests.Certificates;

public class CertificateCodeTests
{
    [Fact]
    public void A_new_code_is_ten_Crockford_characters_in_groups_of_four_four_two_without_look_alikes()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = CertificateCode.New();
            code.ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$");
            code.ShouldNotContain('I'); code.ShouldNotContain('L'); code.ShouldNotContain('O'); code.ShouldNotContain('U');
            CertificateCode.Normalize(code).ShouldBe(code);
        }
        CertificateCode.Alphabet.Length.ShouldBe(32);
        CertificateCode.Alphabet.Distinct().Count().ShouldBe(32);
    }

    [Fact]
    public void Codes_do_not_repeat_over_a_hundred_thousand_draws_and_use_every_character()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var chars = new HashSet<char>();
        for (var i = 0; i < 100_000; i++)
        {
            var code = CertificateCode.New();
            seen.Add(code).ShouldBeTrue($"duplicate {code}");
            foreach (var c in code) chars.Add(c);
        }
        chars.Remove('-');
        chars.Count.ShouldBe(32);
    }

    [Theory]
    [InlineData("K7QF-3M9D-XA", "K7QF-3M9D-XA")]
    [InlineData("k7qf3m9dxa", "K7QF-3M9D-XA")]
    [InlineData(" k7qf 3m9d xa ", "K7QF-3M9D-XA")]
    [InlineData("o1il-0000-00", "0111-0000-00")]
    [InlineData("O0Il-LiOo-Q1", "0011-1100-Q1")]
    public void Typing_is_forgiving_case_dashes_spaces_and_look_alikes(string typed, string expected) =>
        CertificateCode.Normalize(typed).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7QF-3M9D-X")]
    [InlineData("K7QF-3M9D-XAB")]
    [InlineData("K7QF-3M9D-XU")]
    [InlineData("K7QF_3M9D_XA")]
    [InlineData("ก7QF-3M9D-XA")]
    public void What_cannot_be_a_code_normalises_to_null(string? typed) => CertificateCode.Normalize(typed).ShouldBeNull();
}

public class CertificateSnapshotTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 3, 0, 0, DateTimeKind.Utc);

    private static Certificate Issued() => new()
    {
        Id = 7,
        Code = "K7QF-3M9D-XA",
        TraineeId = 3,
        CohortId = 4,
        EnrollmentId = 5,
        HolderName = "นางสาวญาณี ปิ่นแก้วฟ้า",
        CourseTitle = "การเปิดร้านค้าออนไลน์",
        CohortName = "รุ่นที่ 1/2563",
        StartDate = new DateOnly(2020, 3, 2),
        EndDate = new DateOnly(2020, 3, 6),
        Hours = 30,
        IssuedOn = new DateOnly(2020, 3, 6),
        Signatories = [new("นายสมชาย ใจดี", "ประธาน")],
        CreatedAt = Now,
    };

    [Fact]
    public void The_PDF_is_attached_once_with_its_SHA256()
    {
        var c = Issued();
        var pdf = "%PDF-1.7 test"u8.ToArray();
        c.AttachPdf(pdf);
        c.PdfSha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        c.PdfSha256!.Length.ShouldBe(64);
        Should.Throw<RuleViolationException>(() => c.AttachPdf([1, 2, 3]));
        c.Pdf.ShouldBe(pdf);
    }

    [Fact]
    public void Revoking_needs_a_reason_keeps_it_and_only_a_valid_certificate_can_be_revoked()
    {
        var c = Issued();
        Should.Throw<RuleViolationException>(() => c.Revoke("  ", Now));
        c.Status.ShouldBe(CertificateStatus.Valid);
        c.Revoke(" ชื่อสะกดผิด ", Now);
        c.Status.ShouldBe(CertificateStatus.Revoked);
        c.RevokedReason.ShouldBe("ชื่อสะกดผิด");
        c.RevokedAt.ShouldBe(Now);
        Should.Throw<RuleViolationException>(() => c.Revoke("again", Now));
    }

    [Fact]
    public void Reissue_copies_the_frozen_facts_with_the_corrected_name_and_supersedes_the_old_one_once()
    {
        var old = Issued();
        var fresh = old.ReissueAs("Q2W4-E6R8-T9", "นางสาวญาณี ปิ่นแก้วฟ้าใส", null, new DateOnly(2020, 4, 1), Now);
        old.Status.ShouldBe(CertificateStatus.Superseded);
        fresh.Status.ShouldBe(CertificateStatus.Valid);
        fresh.ReplacesId.ShouldBe(old.Id);
        fresh.HolderName.ShouldBe("นางสาวญาณี ปิ่นแก้วฟ้าใส");
        (fresh.CourseTitle, fresh.CohortName, fresh.StartDate, fresh.EndDate, fresh.Hours, fresh.EnrollmentId, fresh.TraineeId)
            .ShouldBe((old.CourseTitle, old.CohortName, old.StartDate, old.EndDate, old.Hours, old.EnrollmentId, old.TraineeId));
        fresh.Signatories.ShouldBe(old.Signatories);
        fresh.Signatories.ShouldNotBeSameAs(old.Signatories);
        fresh.Pdf.ShouldBeNull();
        Should.Throw<RuleViolationException>(() => old.ReissueAs("ABCD-EFGH-JK", "x", null, new DateOnly(2020, 4, 1), Now));
        Should.Throw<RuleViolationException>(() => fresh.ReissueAs("ABCD-EFGH-JK", " ", null, new DateOnly(2020, 4, 1), Now));
    }
}
