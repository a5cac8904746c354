package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.cases.CaseType;
import io.aftercare.customers.Tier;
import io.aftercare.routing.RoutingContext.OpenCase;
import io.aftercare.telephony.PhoneNumber;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final LocalDateTime NOON = LocalDateTime.of(2025, 3, 4, 12, 0);
    private final RuleEngine engine = new RuleEngine("general-support");

    private static RoutingRule rule(long id, String name, RuleCondition when, RuleAction then) {
        return new RoutingRule(id, (int) id, name, true, when, then);
    }

    private static RuleCondition when() {
        return RuleCondition.ALWAYS;
    }

    private static final RuleSet DEFAULTS = new RuleSet(List.of(
            rule(1, "VIP", new RuleCondition(Set.of(Tier.VIP), null, null, null, null, null, null, null, null),
                    new RuleAction("vip", 10, null, null, null)),
            rule(2, "Repair", new RuleCondition(null, CaseType.REPAIR, null, null, null, null, null, null, null),
                    new RuleAction("repairs", 5, null, RuleAction.CASE_OWNER, 15)),
            rule(3, "Recent", new RuleCondition(null, null, 30, null, null, null, null, null, null),
                    new RuleAction("onboarding", null, null, null, null)),
            rule(4, "Unknown", new RuleCondition(null, null, null, null, null, null, null, null, true),
                    new RuleAction("general-support", null, "main", null, null))), Map.of("agent1", "PJSIP/agent1"));

    private static RoutingContext customer(Tier tier, List<OpenCase> cases, Integer days) {
        return new RoutingContext(Optional.of(new PhoneNumber("+15551234567")), Optional.of(7L), Optional.of(tier),
                cases, Optional.ofNullable(days), days == null ? List.of() : List.of("laptops"), false, "en", "1800",
                NOON);
    }

    @Test
    void routesVipCallerToPriorityQueue() {
        Decision d = engine.decide(DEFAULTS, customer(Tier.VIP, List.of(), 3));
        assertThat(d.queue()).isEqualTo("vip");
        assertThat(d.priority()).isEqualTo(10);
        assertThat(d.ruleName()).isEqualTo("VIP");
        assertThat(d.reason()).contains("tier is vip");
    }

    @Test
    void routesOpenRepairCaseToRepairsWithCaseOwnerPreferred() {
        var open = new OpenCase(42, CaseType.REPAIR, Optional.of("Local/agent2@agents"));
        Decision d = engine.decide(DEFAULTS, customer(Tier.STANDARD, List.of(open), 3));
        assertThat(d.queue()).isEqualTo("repairs");
        assertThat(d.preferredAgent()).contains("Local/agent2@agents");
        assertThat(d.preferredWaitSeconds()).isEqualTo(15);
        assertThat(d.caseId()).contains(42L);
        assertThat(d.reason()).contains("open repair case 42", "case owner Local/agent2@agents");
    }

    @Test
    void openRepairCaseWithoutOwnerPrefersNobody() {
        var open = new OpenCase(42, CaseType.REPAIR, Optional.empty());
        Decision d = engine.decide(DEFAULTS, customer(Tier.STANDARD, List.of(open), null));
        assertThat(d.preferredAgent()).isEmpty();
        assertThat(d.preferredWaitSeconds()).isZero();
    }

    @Test
    void routesRecentPurchaseToOnboardingButNotOlderOnes() {
        assertThat(engine.decide(DEFAULTS, customer(Tier.STANDARD, List.of(), 30)).queue()).isEqualTo("onboarding");
        Decision old = engine.decide(DEFAULTS, customer(Tier.STANDARD, List.of(), 31));
        assertThat(old.queue()).isEqualTo("general-support");
        assertThat(old.ruleId()).isEmpty();
        assertThat(old.customerId()).contains(7L);
        assertThat(old.reason()).contains("no rule matched customer 7");
    }

    @Test
    void sendsUnknownCallerToMainMenu() {
        Decision d = engine.decide(DEFAULTS, RoutingContext.unknown(Optional.empty(), "en", "1800", NOON));
        assertThat(d.ivrMenu()).contains("main");
        assertThat(d.customerId()).isEmpty();
        assertThat(d.reason()).contains("the caller is unknown");
    }

    @Test
    void firstMatchingRuleWins() {
        var open = new OpenCase(1, CaseType.REPAIR, Optional.empty());
        assertThat(engine.decide(DEFAULTS, customer(Tier.VIP, List.of(open), 1)).ruleName()).isEqualTo("VIP");
    }

    @Test
    void timeWindowsWrapMidnightAndHotlineMatchesDigits() {
        var night = new RuleCondition(null, null, null, null, null, "+1 800", LocalTime.of(18, 0), LocalTime.of(8, 0), null);
        var rules = new RuleSet(List.of(rule(1, "Night", night, new RuleAction("after-hours", null, null, null, null))),
                Map.of());
        RoutingContext late = RoutingContext.unknown(Optional.empty(), "en", "1800", NOON.withHour(23));
        RoutingContext noon = RoutingContext.unknown(Optional.empty(), "en", "1800", NOON);
        RoutingContext otherLine = RoutingContext.unknown(Optional.empty(), "en", "1900", NOON.withHour(23));
        assertThat(engine.decide(rules, late).queue()).isEqualTo("after-hours");
        assertThat(engine.decide(rules, noon).ruleName()).isEqualTo(RuleEngine.NO_RULE);
        assertThat(engine.decide(rules, otherLine).ruleName()).isEqualTo(RuleEngine.NO_RULE);
    }

    @Test
    void ruleWithoutConditionsMatchesEveryoneAndNamedAgentIsResolved() {
        var rules = new RuleSet(List.of(rule(1, "All", when(), new RuleAction("general-support", 1, null, "agent1", null))),
                Map.of("agent1", "PJSIP/agent1"));
        Decision d = engine.decide(rules, RoutingContext.unknown(Optional.empty(), "fr", "", NOON));
        assertThat(d.preferredAgent()).contains("PJSIP/agent1");
        assertThat(d.preferredWaitSeconds()).isEqualTo(RuleAction.DEFAULT_WAIT_SECONDS);
        assertThat(d.language()).isEqualTo("fr");
        assertThat(d.reason()).contains("no conditions");
    }

    @Test
    void disabledRulesAreSkipped() {
        var off = new RoutingRule(1, 1, "Off", false, when(), new RuleAction("vip", null, null, null, null));
        assertThat(engine.decide(new RuleSet(List.of(off), Map.of()),
                RoutingContext.unknown(Optional.empty(), "en", "", NOON)).ruleName()).isEqualTo(RuleEngine.NO_RULE);
    }

    @Test
    void invalidConditionsAreReported() {
        var bad = new RuleCondition(null, null, -1, null, "english", "abc", LocalTime.NOON, null, null);
        assertThat(bad.problems()).hasSize(4);
        assertThat(new RuleAction("", 500, "Main Menu", null, -1).problems()).hasSize(4);
    }
}
