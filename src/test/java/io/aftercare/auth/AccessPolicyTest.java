package io.aftercare.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The access table as a pure function: the most specific rule decides, whatever order the rules are written in. */
class AccessPolicyTest {
    private final AccessPolicy policy = AccessPolicy.defaults();

    @Test
    void agentsMayNotCreateDispositionReasonsButMayReadThem() {
        assertThat(policy.ruleFor(HttpMethod.POST, "/api/dispositions/reasons").allows(Role.AGENT)).isFalse();
        assertThat(policy.ruleFor(HttpMethod.POST, "/api/dispositions/reasons").allows(Role.ADMIN)).isTrue();
        assertThat(policy.ruleFor(HttpMethod.GET, "/api/dispositions/reasons").allows(Role.AGENT)).isTrue();
    }

    @Test
    void storedCallsAndAContactHistoryAreForPeopleNotTheIntegrationRole() {
        for (String path : List.of("/api/calls", "/api/calls/7", "/api/customers/7/contacts")) {
            for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)) {
                assertThat(policy.ruleFor(HttpMethod.GET, path).allows(role)).as(role + " " + path).isTrue();
            }
            assertThat(policy.ruleFor(HttpMethod.GET, path).allows(Role.INTEGRATION)).as(path).isFalse();
            assertThat(policy.ruleFor(HttpMethod.GET, path).allows(Role.DISPLAY)).as(path).isFalse();
        }
        assertThat(policy.ruleFor(HttpMethod.GET, "/api/customers/7").allows(Role.INTEGRATION)).isTrue();
    }

    @Test
    void ruleOrderDoesNotChangeAnyDecision() {
        List<String> probes = new ArrayList<>();
        for (AccessPolicy.Rule rule : policy.rules()) {
            String path = rule.pattern().replace("**", "x/y").replace("*", "1");
            probes.add(path);
            probes.add(path + "/more");
        }
        Random random = new Random(14);
        for (int round = 0; round < 50; round++) {
            List<AccessPolicy.Rule> shuffled = new ArrayList<>(policy.rules());
            Collections.shuffle(shuffled, random);
            AccessPolicy other = policy.reordered(shuffled);
            for (String path : probes) {
                for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                        HttpMethod.DELETE, HttpMethod.HEAD)) {
                    assertThat(other.ruleFor(method, path)).as(method + " " + path)
                            .isEqualTo(policy.ruleFor(method, path));
                }
            }
        }
    }

    @Test
    void equallySpecificRulesThatMayMatchTheSameRequestAreRefused() {
        var a = new AccessPolicy.Rule(null, "/api/things/*", Set.of(Role.ADMIN), false, false);
        var b = new AccessPolicy.Rule(null, "/api/things/x", Set.of(Role.AGENT), false, false);
        var c = new AccessPolicy.Rule(null, "/api/*/xyzabc", Set.of(Role.AGENT), false, false); // as specific as a
        assertThat(AccessPolicy.of(List.of(a, b)).ruleFor(HttpMethod.GET, "/api/things/x")).isEqualTo(b);
        assertThatThrownBy(() -> AccessPolicy.of(List.of(b, c, a))).hasMessageContaining("equally specific");
    }

    @Test
    void theReportPageLoadsForAnyoneAndItsDataIsForSupervisorsAndAdmins() {
        assertThat(policy.ruleFor(HttpMethod.GET, "/reports/").isPublic()).isTrue();
        assertThat(policy.ruleFor(HttpMethod.GET, "/reports/reports.js").isPublic()).isTrue();
        for (String data : List.of("/api/reports/queues", "/api/reports/agents", "/api/reports/surveys")) {
            AccessPolicy.Rule rule = policy.ruleFor(HttpMethod.GET, data);
            assertThat(rule.allows(Role.SUPERVISOR) && rule.allows(Role.ADMIN)).as(data).isTrue();
            assertThat(rule.allows(Role.AGENT) || rule.allows(Role.DISPLAY) || rule.allows(Role.INTEGRATION)).as(data)
                    .isFalse();
        }
    }

    @Test
    void onlyEventStreamsTakeTheTokenFromTheQueryString() {
        assertThat(policy.ruleFor(HttpMethod.GET, "/api/push").queryToken()).isTrue();
        assertThat(policy.ruleFor(HttpMethod.GET, "/api/wallboard/stream").queryToken()).isTrue();
        assertThat(policy.rules().stream().filter(AccessPolicy.Rule::queryToken).count()).isEqualTo(2);
        assertThat(policy.ruleFor(HttpMethod.GET, "/api/customers").queryToken()).isFalse();
    }

    @Test
    void pathsMatchWhateverTheirCaseAndUnknownPathsAreForAdminsOnly() {
        assertThat(policy.ruleFor(HttpMethod.GET, "/API/Accounts").allows(Role.SUPERVISOR)).isFalse();
        assertThat(policy.ruleFor(HttpMethod.GET, "/api/nothing-here").roles()).containsExactly(Role.ADMIN);
        assertThat(policy.covers(HttpMethod.GET, "/api/nothing-here")).isFalse();
    }

    @Test
    void peopleWorkFollowUpsAndOnlySupervisorsAndAdminsReleaseThem() {
        for (String path : List.of("/api/follow-ups", "/api/follow-ups/7", "/api/follow-ups/7/recording")) {
            assertThat(policy.ruleFor(HttpMethod.GET, path).allows(Role.AGENT)).as(path).isTrue();
            assertThat(policy.ruleFor(HttpMethod.GET, path).allows(Role.INTEGRATION)).as(path).isFalse();
        }
        for (String action : List.of("claim", "call", "done")) {
            assertThat(policy.ruleFor(HttpMethod.POST, "/api/follow-ups/7/" + action).allows(Role.AGENT)).isTrue();
        }
        AccessPolicy.Rule release = policy.ruleFor(HttpMethod.POST, "/api/follow-ups/7/release");
        assertThat(release.allows(Role.AGENT)).isFalse();
        assertThat(release.allows(Role.SUPERVISOR)).isTrue();
        assertThat(release.allows(Role.ADMIN)).isTrue();
    }
}
