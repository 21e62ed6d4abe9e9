using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Training;

namespace PartnerPrograms.Domain.Tests.Training;

public class TraineeConsentTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Consent_given_after_registration_is_recorded_with_its_date_and_who_recorded_it()
    {
        var t = new Trainee { FirstName = "ญาณี", LastName = "ปิ่นแก้วฟ้า" };
        t.RecordConsent(Now.AddDays(-1), "สมใจ เจ้าหน้าที่", Now);
        t.PdpaConsentAt.ShouldBe(Now.AddDays(-1));
        t.PdpaConsentBy.ShouldBe("สมใจ เจ้าหน้าที่");
    }

    [Fact]
    public void Consent_cannot_be_dated_ahead_recorded_twice_or_on_an_erased_record()
    {
        var t = new Trainee { FirstName = "ญาณี", LastName = "ปิ่นแก้วฟ้า" };
        Should.Throw<RuleViolationException>(() => t.RecordConsent(Now.AddDays(1), "ก", Now))
            .Field.ShouldBe("consentDate");
        t.PdpaConsentAt.ShouldBeNull();
        t.RecordConsent(Now, "ก", Now);
        Should.Throw<RuleViolationException>(() => t.RecordConsent(Now, "ข", Now));
        t.PdpaConsentBy.ShouldBe("ก");
        var erased = new Trainee { FirstName = "ก", LastName = "ข" };
        erased.Erase(Now);
        Should.Throw<RuleViolationException>(() => erased.RecordConsent(Now, "ก", Now));
    }
}
