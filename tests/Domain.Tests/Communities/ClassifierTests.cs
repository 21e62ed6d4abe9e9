using PartnerPrograms.Domain.Common;
using PartnerPrograms.Domain.Communities;

namespace PartnerPrograms.Domain.Tests.Communities;

public class ClassifierTests
{
    private static readonly RubricDefinition V1 = RubricDefinition.Default();

    /// <summary>Scores per section, spread over the section's criteria (all 0–5 in v1).</summary>
    public static Dictionary<string, int> Scores(int attraction, int readiness, int products, int learning)
    {
        var totals = new Dictionary<SectionRole, int>
        {
            [SectionRole.Attraction] = attraction,
            [SectionRole.Readiness] = readiness,
            [SectionRole.Products] = products,
            [SectionRole.Learning] = learning,
        };
        var result = new Dictionary<string, int>();
        foreach (var s in V1.Sections)
        {
            var left = totals[s.Role];
            foreach (var c in s.Criteria) { var v = Math.Min(c.MaxScore, left); result[c.Key] = v; left -= v; }
            if (left > 0) throw new ArgumentException("more than the section holds");
        }
        return result;
    }

    [Fact]
    public void The_default_rubric_weights_attractiveness_readiness_and_products_50_30_20_and_has_a_learning_section()
    {
        V1.Validate().ShouldBeEmpty();
        V1.Section(SectionRole.Attraction)!.Weight.ShouldBe(50);
        V1.Section(SectionRole.Readiness)!.Weight.ShouldBe(30);
        V1.Section(SectionRole.Products)!.Weight.ShouldBe(20);
        V1.Section(SectionRole.Learning)!.Weight.ShouldBe(0);
        V1.Section(SectionRole.Learning)!.Criteria.Count.ShouldBeGreaterThan(0);
        V1.Criteria.ShouldAllBe(c => c.MaxScore == 5);
    }

    [Fact]
    public void Full_marks_are_group_A_with_the_deciding_thresholds_as_reasons()
    {
        var r = CommunityClassifier.Classify(V1, Scores(15, 20, 10, 10));
        r.Category.ShouldBe(CommunityCategory.A);
        r.TourismScore.ShouldBe(100m);
        r.Reasons.Select(x => x.Template).ShouldBe([CommunityClassifier.TourismPotential, CommunityClassifier.ReadinessMet]);
        r.Reasons[0].ToString().ShouldBe("Tourism score 100% is at least 60% and attractiveness 100% is at least 60%: tourism potential.");
    }

    [Fact]
    public void Tourism_potential_with_weak_readiness_is_group_B()
    {
        // attraction 15/15 (50), readiness 11/20 = 55% (16.5), products 10/10 (20) → 86.5
        var r = CommunityClassifier.Classify(V1, Scores(15, 11, 10, 0));
        r.Category.ShouldBe(CommunityCategory.B);
        r.Reasons.Last().Template.ShouldBe(CommunityClassifier.ReadinessBelow);
        r.Reasons.Last().Args.ShouldBe(["55", "60"]);
    }

    [Fact]
    public void Readiness_exactly_at_the_threshold_is_A_and_one_point_below_is_B()
    {
        // readiness 12/20 = 60% exactly
        CommunityClassifier.Classify(V1, Scores(15, 12, 10, 0)).Category.ShouldBe(CommunityCategory.A);
        CommunityClassifier.Classify(V1, Scores(15, 11, 10, 0)).Category.ShouldBe(CommunityCategory.B);
    }

    [Fact]
    public void Attractiveness_exactly_at_60_percent_gives_tourism_potential_and_just_below_does_not()
    {
        // attraction 9/15 = 60% (30), readiness 20/20 (30), products 0 → tourism 60 exactly
        var at = CommunityClassifier.Classify(V1, Scores(9, 20, 0, 0));
        at.TourismScore.ShouldBe(60m);
        at.Category.ShouldBe(CommunityCategory.A);
        // attraction 8/15 = 53.3% (26.67) with everything else full: tourism 76.7 but attractiveness too low
        var below = CommunityClassifier.Classify(V1, Scores(8, 20, 10, 0));
        below.Category.ShouldNotBe(CommunityCategory.A);
        below.Category.ShouldNotBe(CommunityCategory.B);
        below.Reasons.ShouldContain(x => x.Template == CommunityClassifier.AttractionBelow && x.Args[0] == "53.3");
    }

    [Fact]
    public void A_tourism_score_just_below_60_is_not_tourism_potential()
    {
        // attraction 10/15 = 66.7% (33.33), readiness 8/20 = 40% (12), products 7/10 = 70% (14) → 59.33
        var r = CommunityClassifier.Classify(V1, Scores(10, 8, 7, 0));
        r.TourismScore.ShouldBeLessThan(60m);
        r.Category.ShouldBe(CommunityCategory.D);
        r.Reasons[0].Template.ShouldBe(CommunityClassifier.TourismBelow);
        r.Reasons[0].Args.ShouldBe(["59.3", "60"]);
    }

    [Fact]
    public void Learning_site_potential_without_tourism_potential_is_group_C_at_the_boundary()
    {
        // learning 6/10 = 60% exactly
        var c = CommunityClassifier.Classify(V1, Scores(3, 4, 2, 6));
        c.Category.ShouldBe(CommunityCategory.C);
        c.Reasons.Last().Template.ShouldBe(CommunityClassifier.LearningMet);
        CommunityClassifier.Classify(V1, Scores(3, 4, 2, 5)).Category.ShouldBe(CommunityCategory.Unclassified);
    }

    [Fact]
    public void Tourism_potential_wins_over_learning_potential()
    {
        CommunityClassifier.Classify(V1, Scores(15, 20, 10, 10)).Category.ShouldBe(CommunityCategory.A);
        CommunityClassifier.Classify(V1, Scores(15, 4, 10, 10)).Category.ShouldBe(CommunityCategory.B);
    }

    [Fact]
    public void Community_products_alone_are_group_D_at_the_boundary()
    {
        // products 5/10 = 50% exactly
        var d = CommunityClassifier.Classify(V1, Scores(2, 2, 5, 2));
        d.Category.ShouldBe(CommunityCategory.D);
        d.Reasons.Last().Template.ShouldBe(CommunityClassifier.ProductsMet);
        CommunityClassifier.Classify(V1, Scores(2, 2, 4, 2)).Category.ShouldBe(CommunityCategory.Unclassified);
    }

    [Fact]
    public void Nothing_reaching_a_threshold_is_not_yet_classified_and_says_why()
    {
        var r = CommunityClassifier.Classify(V1, Scores(0, 0, 0, 0));
        r.Category.ShouldBe(CommunityCategory.Unclassified);
        r.Reasons.Select(x => x.Template).ShouldBe([CommunityClassifier.TourismBelow, CommunityClassifier.AttractionBelow,
            CommunityClassifier.LearningBelow, CommunityClassifier.ProductsBelow]);
    }

    [Fact]
    public void Scores_are_checked_missing_unknown_and_out_of_range()
    {
        var scores = Scores(15, 20, 10, 10);
        scores.Remove("learning_centre");
        scores["attraction_sites"] = 6;
        scores["readiness_safety"] = -1;
        scores["made_up"] = 1;
        var errors = V1.ValidateScores(scores);
        errors.Keys.ShouldBe(["scores.attraction_sites", "scores.readiness_safety", "scores.learning_centre", "scores.made_up"], ignoreOrder: true);
        Should.Throw<ArgumentException>(() => CommunityClassifier.Classify(V1, scores));
    }

    [Fact]
    public void Display_percentages_are_truncated_so_a_near_miss_never_reads_as_the_threshold()
    {
        CommunityClassifier.F(59.99m).ShouldBe("59.9");
        CommunityClassifier.F(60m).ShouldBe("60");
        CommunityClassifier.F(66.666m).ShouldBe("66.6");
    }
}

public class RubricVersioningTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_edit_is_a_new_version_and_old_assessments_keep_the_version_they_were_scored_with()
    {
        var v1 = new Rubric { Id = 1, Version = 1 };
        var community = new Community { Id = 7, Name = "บ้านนาต้นจั่น" };
        var scores = ClassifierTests.Scores(15, 11, 10, 0); // readiness 55 %: B under v1
        var first = community.Assess(v1, new DateOnly(2026, 1, 10), scores, "ผู้ประเมิน", null, null, Today, Now);
        first.Category.ShouldBe(CommunityCategory.B);

        var edited = v1.Definition.Clone();
        edited.Thresholds.ReadinessMin = 50;
        var v2 = v1.NextVersion(edited, "admin", "lower readiness bar", Now);
        v2.Version.ShouldBe(2);
        v1.Definition.Thresholds.ReadinessMin.ShouldBe(60, "the old version is not changed");

        var second = community.Assess(v2, new DateOnly(2026, 6, 1), scores, null, null, null, Today, Now);
        second.Category.ShouldBe(CommunityCategory.A);
        first.Rubric.ShouldBeSameAs(v1);
        first.Category.ShouldBe(CommunityCategory.B);
        CommunityClassifier.Classify(first.Rubric!.Definition, first.Scores).Category.ShouldBe(CommunityCategory.B, "re-explained with its own version");
        community.ComputedCategory.ShouldBe(CommunityCategory.A);
    }

    [Fact]
    public void A_new_version_can_add_a_criterion_and_then_requires_its_score()
    {
        var v1 = new Rubric { Id = 1, Version = 1 };
        var edited = v1.Definition.Clone();
        edited.Section(SectionRole.Learning)!.Criteria.Add(new RubricCriterion { Key = "learning_network", NameEn = "Network", NameTh = "เครือข่าย", MaxScore = 5 });
        var v2 = v1.NextVersion(edited, null, null, Now);
        var old = ClassifierTests.Scores(15, 20, 10, 10);
        v1.Definition.ValidateScores(old).ShouldBeEmpty();
        v2.Definition.ValidateScores(old).Keys.ShouldBe(["scores.learning_network"]);
    }

    [Fact]
    public void An_invalid_definition_is_refused()
    {
        var v1 = new Rubric { Id = 1, Version = 1 };
        var edited = v1.Definition.Clone();
        edited.Section(SectionRole.Attraction)!.Weight = 60;
        Should.Throw<RuleViolationException>(() => v1.NextVersion(edited, null, null, Now)).Message.ShouldContain("add up to 100");
    }

    [Fact]
    public void Assessments_in_the_future_are_refused_and_a_back_dated_one_does_not_replace_the_current_group()
    {
        var rubric = new Rubric { Id = 1, Version = 1 };
        var community = new Community { Id = 7, Name = "x" };
        Should.Throw<RuleViolationException>(() => community.Assess(rubric, Today.AddDays(1), ClassifierTests.Scores(15, 20, 10, 10), null, null, null, Today, Now));
        community.Assess(rubric, new DateOnly(2026, 5, 1), ClassifierTests.Scores(15, 20, 10, 10), null, null, null, Today, Now);
        community.Assess(rubric, new DateOnly(2025, 5, 1), ClassifierTests.Scores(0, 0, 0, 0), null, null, null, Today, Now);
        community.ComputedCategory.ShouldBe(CommunityCategory.A);
        community.Assessments.Count.ShouldBe(2);
    }

    [Fact]
    public void An_override_needs_a_reason_and_keeps_the_computed_group_beside_it()
    {
        var community = new Community { Id = 7, Name = "x" };
        community.Assess(new Rubric { Id = 1, Version = 1 }, Today, ClassifierTests.Scores(15, 11, 10, 0), null, null, null, Today, Now);
        Should.Throw<RuleViolationException>(() => community.Override(CommunityCategory.A, " ", "staff", Now));
        community.Override(CommunityCategory.A, "ถนนเข้าหมู่บ้านสร้างเสร็จแล้ว", "staff", Now);
        community.Category.ShouldBe(CommunityCategory.A);
        community.ComputedCategory.ShouldBe(CommunityCategory.B);
        community.Override(null, null, "staff", Now);
        community.Category.ShouldBe(CommunityCategory.B);
        community.OverrideReason.ShouldBeNull();
    }
}
