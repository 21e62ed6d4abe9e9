using PartnerPrograms.Domain.Mous;
using PartnerPrograms.Web.Demo;

namespace PartnerPrograms.Web.Pages.Mous;

/// <summary>
/// Demo MOUs: the seed-004 agreement between the foundation and the Community Development Department (its four items
/// from the meeting of 2 March 2020), the four-organisation community-finance curriculum, and a few in other states,
/// some with overdue actions. People's names are invented. Adds only the MOUs whose code is missing.
/// </summary>
public sealed class MouDemoData(TimeProvider clock) : IDemoContributor
{
    public int Order => 10;

    private sealed record A(string Title, string Org, string? Contact, int DueInDays,
        ActionStatus Status = ActionStatus.NotStarted, int Percent = 0, string? Update = null);
    private sealed record I(string Title, string? Description, params A[] Actions);
    private sealed record P(string Org, PartyRole Role, string Signatory, string Position, string? Duties = null);

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var existing = await demo.Db.Mous.IgnoreQueryFilters().Select(m => m.Code).ToListAsync(ct);

        async Task AddAsync(string code, string title, string purpose, MouStatus status, DateOnly? signed, DateOnly from, DateOnly to,
            P[] parties, I[] items, string? reason = null)
        {
            if (existing.Contains(code)) return;
            var mou = new Mou
            {
                Code = code,
                Title = title,
                Purpose = purpose,
                Status = status,
                SigningDate = signed,
                StartDate = from,
                EndDate = to,
                TerminationReason = reason,
                Parties = parties.Select((p, i) => new MouParty
                {
                    OrganizationId = demo.Organizations[p.Org].Id,
                    Role = p.Role,
                    SignatoryName = p.Signatory,
                    SignatoryPosition = p.Position,
                    Duties = p.Duties,
                    SortOrder = i,
                }).ToList(),
            };
            demo.Db.Mous.Add(mou);
            await demo.Db.SaveChangesAsync(ct);
            var n = 0;
            foreach (var item in items)
            {
                var mi = new MouItem { MouId = mou.Id, Number = ++n, Title = item.Title, Description = item.Description };
                foreach (var a in item.Actions)
                {
                    var action = new MouAction
                    {
                        MouId = mou.Id,
                        Title = a.Title,
                        ResponsibleOrganizationId = demo.Organizations[a.Org].Id,
                        ContactName = a.Contact,
                        DueDate = today.AddDays(a.DueInDays),
                        Status = a.Status,
                        Percent = a.Percent,
                    };
                    if (a.Update is not null)
                    {
                        action.Updates.Add(new ActionUpdate
                        {
                            MouId = mou.Id,
                            Text = a.Update,
                            Percent = a.Percent,
                            Status = a.Status,
                            PostedAt = DateTime.UtcNow.AddDays(-3),
                            PostedByName = "สมใจ ใจดี",
                        });
                    }
                    mi.Actions.Add(action);
                }
                demo.Db.MouItems.Add(mi);
            }
            // Written as phrases like every other entry, so the demo's history reads in Thai too.
            demo.Db.MouAuditEntries.Add(MouAuditEntry.Of(mou.Id, DateTime.UtcNow, "demo", null, "Mou", mou.Id,
                [AuditPhrase.Of("Demo data: {0} ({1})", AuditArg.Text(code), AuditArg.Key("MouStatus:" + status))]));
            await demo.Db.SaveChangesAsync(ct);
        }

        var foundation = new P("foundation", PartyRole.Lead, "นายวีรยุทธ ศรีประเสริฐ", "ผู้อำนวยการมูลนิธิสัมมาชีพ",
            "ประสานงานภาคี จัดทำข้อมูลพื้นที่ ออกแบบและจัดกิจกรรมพัฒนาผู้ประกอบการชุมชน และติดตามรายงานผลการดำเนินงาน");
        var cdd = new P("cdd", PartyRole.Partner, "นางสาวรัชนีกร บุญมาก", "รองอธิบดีกรมการพัฒนาชุมชน",
            "สนับสนุนข้อมูลชุมชนท่องเที่ยวและโรงเรียนออมทรัพย์ คัดเลือกพื้นที่ และประสานเจ้าหน้าที่พัฒนาชุมชนในพื้นที่");

        await AddAsync("MOU-2563-001", "สานพลังขับเคลื่อน พัฒนาวิสาหกิจท่องเที่ยวชุมชน",
            "เพื่อร่วมกันพัฒนาวิสาหกิจท่องเที่ยวชุมชนและผู้ประกอบการที่มีศักยภาพ "
                + "โดยใช้การจัดหมวดหมู่ชุมชนท่องเที่ยวของกรมการพัฒนาชุมชน เติมเต็มทักษะการเป็นผู้ประกอบการให้กับชุมชน "
                + "และขยายผลสู่การเงินชุมชน หมู่บ้านต้นแบบ และพลังงานชุมชน",
            MouStatus.Active, new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 2), today.AddYears(1), [foundation, cdd],
            [
                new I("การจัดหมวดหมู่ชุมชนท่องเที่ยว A–D และการพัฒนากลุ่ม C พื้นที่ที่มีศักยภาพด้านการเรียนรู้",
                    "กรมการพัฒนาชุมชนจัดหมวดหมู่ชุมชนท่องเที่ยวเป็น 4 ระดับ: A. มีศักยภาพด้านการท่องเที่ยว "
                        + "ต่อยอดสู่การประชาสัมพันธ์ได้ B. มีศักยภาพแต่ต้องปรับปรุงโครงสร้างพื้นฐาน C. "
                        + "มีศักยภาพด้านการเรียนรู้ D. มีผลิตภัณฑ์ชุมชน โดยเสนอให้พัฒนากลุ่ม C "
                        + "ด้วยการเติมเต็มทักษะการเป็นผู้ประกอบการ",
                    new A("มูลนิธิสัมมาชีพประสานงานเพื่อนำข้อมูลกลุ่ม C เลือกพื้นที่ และหารือวิธีการพัฒนาร่วมกัน",
                        "foundation", "นางสาวศิริพร แสงทอง", -30, ActionStatus.InProgress, 60,
                        "ได้รับข้อมูลกลุ่ม C จาก 12 จังหวัดแล้ว อยู่ระหว่างคัดเลือกพื้นที่นำร่อง"),
                    new A("กรมการพัฒนาชุมชนส่งข้อมูลชุมชนท่องเที่ยวกลุ่ม C ให้มูลนิธิ", "cdd", "นายธนากร มีสุข", -60,
                        ActionStatus.Done, 100, "ส่งข้อมูลครบถ้วนแล้ว")),
                new I("การพัฒนาหลักสูตรการเงินชุมชน",
                    "ความร่วมมือ 4 องค์กร (มูลนิธิสัมมาชีพ กรมการพัฒนาชุมชน ธนาคารออมสิน "
                        + "และกองทุนหมู่บ้านและชุมชนเมืองแห่งชาติ) เน้นการบริหารจัดการความเสี่ยง "
                        + "และการสร้างเศรษฐกิจจากฐานการเงินชุมชน",
                    new A("มูลนิธิสัมมาชีพประสานขอข้อมูลโรงเรียนออมทรัพย์จากกรมการพัฒนาชุมชน และยกร่างหลักสูตรทางเลือก",
                        "foundation", "นางสาวศิริพร แสงทอง", -10, ActionStatus.InProgress, 40)),
                new I("การสร้างหมู่บ้านต้นแบบสัมมาชีพผ่านโครงการ “โคก หนอง นา โมเดล”",
                    "ส่งเสริมความมั่นคงทางอาหาร การปลูกผัก เลี้ยงสัตว์ แปรรูป ลดรายจ่าย เพิ่มรายได้ และสิ่งแวดล้อมที่ยั่งยืน",
                    new A("กรมการพัฒนาชุมชนเสนอพื้นที่โคก หนอง นา โมเดล ที่เหมาะจะเป็นหมู่บ้านต้นแบบสัมมาชีพ", "cdd", "นายธนากร มีสุข", 20)),
                new I("โครงการพลังงานชุมชน", "ร่วมมือกันลงนามบันทึกข้อตกลงความร่วมมือด้านพลังงานชุมชนต่อไป",
                    new A("ยกร่างบันทึกข้อตกลงความร่วมมือโครงการพลังงานชุมชน", "foundation", null, 45)),
            ]);

        await AddAsync("MOU-2563-002", "ความร่วมมือพัฒนาหลักสูตรการเงินชุมชน",
            "เพื่อพัฒนาศักยภาพกลุ่มและองค์กรการเงินชุมชนด้านการบริหารจัดการความเสี่ยงและการสร้างเศรษฐกิจจากฐานการเงินชุมชน "
                + "โดยใช้ต้นแบบวิสาหกิจชุมชนสัมมาชีพประเภทการเงินและสวัสดิการชุมชน",
            MouStatus.Active, new DateOnly(2020, 6, 15), new DateOnly(2020, 6, 15), today.AddMonths(18),
            [
                foundation, cdd,
                new P("gsb", PartyRole.Partner, "นายกิตติศักดิ์ วัฒนาผล", "รองผู้อำนวยการธนาคารออมสิน",
                    "สนับสนุนวิทยากรด้านการเงิน ข้อมูลสินเชื่อชุมชน และงบประมาณการฝึกอบรม"),
                new P("vfund", PartyRole.Partner, "นางอรุณี ทองประเสริฐ", "ผู้อำนวยการสำนักงานกองทุนหมู่บ้านและชุมชนเมืองแห่งชาติ",
                    "คัดเลือกกองทุนหมู่บ้านเข้าร่วมหลักสูตรและติดตามผลหลังการอบรม"),
            ],
            [
                new I("ยกร่างหลักสูตรการเงินชุมชนและหลักสูตรทางเลือก (โรงเรียนออมทรัพย์)", null,
                    new A("ยกร่างโครงสร้างหลักสูตร 2 ประเด็น: การบริหารความเสี่ยง และเศรษฐกิจจากฐานการเงินชุมชน",
                        "foundation", "นางสาวศิริพร แสงทอง", -5, ActionStatus.InProgress, 70),
                    new A("จัดทำเนื้อหาเรื่องการบริหารความเสี่ยงสินเชื่อสำหรับองค์กรการเงินชุมชน", "gsb", "นายปกรณ์ เงินทวี", -12,
                        ActionStatus.InProgress, 30, "ร่างเนื้อหาบทที่ 1 แล้ว"),
                    new A("ส่งข้อมูลหลักสูตรโรงเรียนออมทรัพย์", "cdd", "นายธนากร มีสุข", 10)),
                new I("นำร่องอบรมกองทุนหมู่บ้าน", null,
                    new A("คัดเลือกกองทุนหมู่บ้านนำร่อง 20 แห่ง", "vfund", "นางสาวกัลยา ศรีนวล", -3, ActionStatus.Blocked, 10, "รอการยืนยันงบประมาณ"),
                    new A("สนับสนุนวิทยากรและสถานที่อบรมรุ่นที่ 1", "gsb", "นายปกรณ์ เงินทวี", 25)),
            ]);

        await AddAsync("MOU-2564-003", "ส่งเสริมสินเชื่อเพื่อวิสาหกิจชุมชนสัมมาชีพ",
            "เพื่อร่วมกันพัฒนาวิสาหกิจชุมชนให้เข้าถึงแหล่งเงินทุนอย่างเหมาะสม", MouStatus.Draft, null, today.AddMonths(1), today.AddYears(3),
            [foundation, new P("baac", PartyRole.Partner, "นายสุรเชษฐ์ นาคประเสริฐ", "ผู้ช่วยผู้จัดการธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร")],
            [new I("คัดเลือกวิสาหกิจชุมชนที่พร้อมรับสินเชื่อ", null, new A("จัดทำเกณฑ์คัดเลือก", "baac", null, 30))]);

        await AddAsync("MOU-2562-004", "พัฒนาองค์กรชุมชนเข้มแข็ง", "เพื่อเสริมความเข้มแข็งขององค์กรชุมชนในพื้นที่นำร่อง",
            MouStatus.Expired, new DateOnly(2019, 5, 1), new DateOnly(2019, 5, 1), new DateOnly(2022, 4, 30),
            [foundation, new P("codi", PartyRole.Partner, "นางวาสนา พึ่งบุญ", "รองผู้อำนวยการสถาบันพัฒนาองค์กรชุมชน")],
            [new I("เวทีแลกเปลี่ยนเรียนรู้องค์กรชุมชน", null, new A("จัดเวทีระดับภาค 4 ครั้ง", "codi", null, -900, ActionStatus.Done, 100))]);

        await AddAsync("MOU-2565-005", "วิจัยและพัฒนาผลิตภัณฑ์ชุมชน", "เพื่อใช้งานวิจัยยกระดับผลิตภัณฑ์ชุมชนในภาคตะวันออกเฉียงเหนือ",
            MouStatus.Terminated, new DateOnly(2022, 7, 1), new DateOnly(2022, 7, 1), today.AddMonths(6),
            [foundation, new P("msu", PartyRole.Partner, "ผศ.ดร.ณัฐพล ศรีวิไล", "รองอธิการบดีมหาวิทยาลัยมหาสารคาม")],
            [new I("วิจัยบรรจุภัณฑ์ผลิตภัณฑ์ชุมชน", null, new A("สำรวจผลิตภัณฑ์ 30 รายการ", "msu", null, -200, ActionStatus.Cancelled))],
            reason: "ทั้งสองฝ่ายตกลงยุติความร่วมมือเนื่องจากโครงการวิจัยไม่ได้รับงบประมาณ");

        await AddAsync("MOU-2566-006", "ยกระดับผู้ประกอบการวิสาหกิจชุมชนสู่ SME", "เพื่อพัฒนาวิสาหกิจชุมชนที่มีศักยภาพให้เติบโตเป็นผู้ประกอบการขนาดย่อม",
            MouStatus.Active, new DateOnly(2023, 2, 1), new DateOnly(2023, 2, 1), today.AddMonths(9),
            [foundation, new P("osmep", PartyRole.Partner, "นายอนุชา ก้าวหน้า", "รองผู้อำนวยการสำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม"),
             new P("cpd", PartyRole.Witness, "นางสาวมาลัย ร่วมใจ", "ผู้อำนวยการกองพัฒนาสหกรณ์")],
            [
                new I("คัดเลือกและพัฒนาผู้ประกอบการ", null,
                    new A("คัดเลือกวิสาหกิจชุมชน 50 ราย", "foundation", "นางสาวศิริพร แสงทอง", -20, ActionStatus.InProgress, 50),
                    new A("จัดที่ปรึกษาธุรกิจรายกลุ่ม", "osmep", null, -7),
                    new A("จัดงานแสดงสินค้าผู้ประกอบการ", "osmep", null, 12)),
            ]);
    }
}
