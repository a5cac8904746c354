package io.aftercare.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one table of who may call what. Each request is decided by the most specific rule that matches its method
 * and canonical path (see {@link RequestPaths}), whatever order the rules were written in: more literal characters
 * win, then a rule that names the method beats one for any method. Two rules that could tie are refused when the
 * table is built, and {@link #check} refuses at start a mounted route that no rule names. A request no rule matches
 * is for admins only, so a forgotten rule fails closed. Immutable and thread-safe.
 */
public final class AccessPolicy {
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    /** The people on the floor: everyone but the integration feed. */
    private static final Set<Role> PEOPLE = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> STAFF = EnumSet.of(Role.SUPERVISOR, Role.ADMIN);
    /** Who watches the wallboard: supervisors, admins and wallboard screens (display tokens). */
    private static final Set<Role> BOARD = EnumSet.of(Role.SUPERVISOR, Role.ADMIN, Role.DISPLAY);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    /** Who reads the after-sales data: the people on the floor and the integration feed. */
    private static final Set<Role> DATA = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.INTEGRATION);
    /** Who writes the shop's and ERP's data: admins and the integration feed. */
    private static final Set<Role> FEED = EnumSet.of(Role.ADMIN, Role.INTEGRATION);
    private static final Comparator<Rule> MOST_SPECIFIC_FIRST = Comparator.comparingInt(Rule::literalLength)
            .thenComparing(r -> r.method() != null).reversed();

    /**
     * One row: method (null for any), a path pattern ({@code *} one segment, {@code **} the rest), the roles
     * allowed or public, and whether the bearer token may come as an {@code access_token} query parameter
     * (only event streams, which browsers open without headers).
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, boolean isPublic, boolean queryToken,
                       Pattern regex) {
        Rule(HttpMethod method, String pattern, Set<Role> roles, boolean isPublic, boolean queryToken) {
            this(method, pattern, roles, isPublic, queryToken, compile(pattern));
        }

        boolean matches(HttpMethod m, String path) {
            return (method == null || method.equals(m)) && regex.matcher(path).matches();
        }

        public boolean allows(Role role) {
            return isPublic || roles.contains(role);
        }

        /** True when only admins may use this rule's routes: every request through it is audited. */
        public boolean adminOnly() {
            return !isPublic && roles.equals(ADMIN);
        }

        /** Equal when they decide alike; the compiled pattern follows from {@code pattern}. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Rule r && java.util.Objects.equals(method, r.method) && pattern.equals(r.pattern)
                    && roles.equals(r.roles) && isPublic == r.isPublic && queryToken == r.queryToken;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(method, pattern, roles, isPublic, queryToken);
        }

        int literalLength() {
            return pattern.replace("*", "").length();
        }
    }

    private final List<Rule> rules; // most specific first

    private AccessPolicy(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(MOST_SPECIFIC_FIRST);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                Rule a = sorted.get(i);
                Rule b = sorted.get(j);
                if (MOST_SPECIFIC_FIRST.compare(a, b) == 0 && (a.method() == null || b.method() == null
                        || a.method().equals(b.method())) && mayOverlap(a.pattern(), b.pattern())) {
                    throw new IllegalStateException("access rules " + describe(a) + " and " + describe(b)
                            + " are equally specific and may match the same request");
                }
            }
        }
        this.rules = List.copyOf(sorted);
    }

    public static AccessPolicy defaults() {
        Builder b = new Builder();
        b.open(HttpMethod.GET, "/health").open(HttpMethod.GET, "/metrics").open(HttpMethod.GET, "/openapi.yaml");
        b.open(HttpMethod.POST, "/api/auth/login");
        // The pages are shells anyone may load; what they show comes from the API under the rules below
        // (the report page's data: /api/reports/**, supervisors and admins).
        for (String page : List.of("/console", "/wallboard", "/reports")) {
            b.open(HttpMethod.GET, page).open(HttpMethod.GET, page + "/**");
        }
        b.open(HttpMethod.GET, "/");
        b.allow(null, "/api/auth/**", EVERYONE);
        b.allow(null, "/api/accounts/**", ADMIN).allow(null, "/api/accounts", ADMIN);
        b.allow(null, "/api/tokens", ADMIN).allow(null, "/api/tokens/*", ADMIN).allow(null, "/api/audit", ADMIN);
        b.allow(null, "/api/webhooks", ADMIN).allow(null, "/api/webhooks/**", ADMIN); // receivers' URLs and secrets
        b.allow(HttpMethod.GET, "/api/imports", ADMIN); // the CLI's recorded imports (file names)
        // After-sales data: everyone reads; agents also record customers and cases during calls;
        // orders, warranties and the catalogue come from the shop or ERP (admin or an integration token).
        // The integration role has these and the after-sales events, and nothing else.
        b.allow(null, "/api/customers/**", DATA).allow(null, "/api/customers", DATA);
        b.allow(null, "/api/cases/**", DATA).allow(null, "/api/cases", DATA);
        b.allow(HttpMethod.GET, "/api/search", PEOPLE); // the console's search box, on a call or not
        for (String data : List.of("/api/orders", "/api/warranties", "/api/products")) {
            b.allow(HttpMethod.GET, data, DATA).allow(HttpMethod.GET, data + "/**", DATA);
            b.allow(null, data, FEED).allow(null, data + "/**", FEED);
        }
        // Routing rules are configuration; explaining a decision is a supervisor's tool.
        b.allow(HttpMethod.GET, "/api/routing/**", STAFF).allow(null, "/api/routing/**", ADMIN);
        // Queues and agents as configured: supervisors read them and set who may log in to which queue.
        b.allow(null, "/api/ivr/**", ADMIN).allow(HttpMethod.GET, "/api/queues/**", STAFF);
        // A queue's estimated wait (waits/): a supervisor's figure; callers hear it through FastAGI, not HTTP.
        b.allow(HttpMethod.GET, "/api/queues/*/estimated-wait", STAFF);
        b.allow(null, "/api/queues/**", ADMIN).allow(HttpMethod.GET, "/api/queues", STAFF)
                .allow(null, "/api/queues", ADMIN);
        b.allow(HttpMethod.GET, "/api/agent-profiles", STAFF).allow(HttpMethod.GET, "/api/agent-profiles/**", STAFF);
        b.allow(null, "/api/agent-profiles", ADMIN).allow(null, "/api/agent-profiles/**", ADMIN);
        b.allow(HttpMethod.PUT, "/api/agent-profiles/*/queues", STAFF);
        // Agents act on themselves and their own calls; ownership is checked by each handler. The call controls
        // (/api/calls/{linkedId}/hangup, hold, dtmf, transfer...) and click-to-call (POST /api/calls) too: an agent
        // only on the call they ring with, talk on or hold, supervisors and admins on any (controls/CallControls).
        b.allow(null, "/api/agents/**", PEOPLE).allow(null, "/api/agents", PEOPLE);
        b.allow(null, "/api/calls/**", PEOPLE).allow(null, "/api/calls", PEOPLE);
        // Listening to, whispering in or barging into an agent's call (ChanSpy) is for supervisors and admins.
        b.allow(HttpMethod.POST, "/api/calls/*/spy", STAFF);
        // Stored calls (GET /api/calls, /api/calls/{id}: an agent only their own, calls/CallFilters) and a customer's
        // contact history, which is call records too: people only, not the integration role.
        b.allow(HttpMethod.GET, "/api/customers/*/contacts", PEOPLE);
        b.allow(null, "/api/screenpops/**", PEOPLE);
        b.allow(null, "/api/dispositions/**", PEOPLE).allow(null, "/api/dispositions", PEOPLE);
        b.allow(HttpMethod.POST, "/api/dispositions/reasons", ADMIN);
        b.stream("/api/push", PEOPLE);
        // Follow-ups (voicemails, abandoned callers): agents claim, call back and close them (their own, checked by
        // followups/FollowUpService); supervisors see all and release a claimed one.
        b.allow(null, "/api/follow-ups", PEOPLE).allow(null, "/api/follow-ups/**", PEOPLE);
        b.allow(HttpMethod.POST, "/api/follow-ups/*/release", STAFF);
        // Supervisors' views.
        b.allow(null, "/api/wallboard/**", STAFF).allow(null, "/api/wallboard", STAFF);
        b.allow(HttpMethod.GET, "/api/wallboard", BOARD);
        b.stream("/api/wallboard/stream", BOARD);
        // What the board offers a supervisor acting on an agent (a display only watches).
        b.allow(HttpMethod.GET, "/api/wallboard/pause-reasons", STAFF);
        b.allow(null, "/api/reports/**", STAFF);
        b.allow(HttpMethod.GET, "/api/callbacks", STAFF).allow(HttpMethod.POST, "/api/callbacks/*/cancel", STAFF);
        b.allow(null, "/api/surveys/**", STAFF).allow(null, "/api/surveys", STAFF);
        b.allow(null, "/api/aftersales-events", FEED).allow(null, "/api/do-not-call/**", STAFF)
                .allow(null, "/api/do-not-call", STAFF);
        return b.build();
    }

    /** The most specific rule for a canonical path; a path no rule names is for admins only (fails closed). */
    public Rule ruleFor(HttpMethod method, String path) {
        return find(method, path).orElse(new Rule(method, path, ADMIN, false, false));
    }

    /** True when a rule names this route explicitly (every mounted route must have one). */
    public boolean covers(HttpMethod method, String path) {
        return find(method, path).isPresent();
    }

    /**
     * Refuses, at start, a mounted route that no rule names (path parameters are filled with "1"; routes without
     * methods, the static pages, are left to the rules of their paths).
     */
    public void check(Router router) {
        List<String> uncovered = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null || route.methods() == null) {
                continue;
            }
            String path = route.getPath().replaceAll(":[A-Za-z]+", "1");
            route.methods().stream().filter(m -> !covers(m, path)).forEach(m -> uncovered.add(m + " " + route.getPath()));
        }
        if (!uncovered.isEmpty()) {
            throw new IllegalStateException("no access rule names these routes: " + uncovered);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The same rules written in another order (the order-independence test). */
    AccessPolicy reordered(List<Rule> order) {
        if (!new HashSet<>(order).equals(new HashSet<>(rules))) {
            throw new IllegalArgumentException("not the same rules");
        }
        return new AccessPolicy(order);
    }

    /** A table of these rules (tests); refuses equally specific rules that may match one request. */
    static AccessPolicy of(List<Rule> rules) {
        return new AccessPolicy(rules);
    }

    private Optional<Rule> find(HttpMethod method, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.matches(method, lower)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Conservative: two patterns may overlap unless their literal parts differ before either's first wildcard. */
    private static boolean mayOverlap(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) == '*' || b.charAt(i) == '*') {
                return true;
            }
            if (a.charAt(i) != b.charAt(i)) {
                return false;
            }
        }
        String rest = a.length() > n ? a.substring(n) : b.substring(n);
        return rest.isEmpty() || rest.startsWith("*");
    }

    private static String describe(Rule rule) {
        return (rule.method() == null ? "ANY" : rule.method().name()) + " " + rule.pattern();
    }

    private static Pattern compile(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                out.append(".*");
                i++;
            } else if (c == '*') {
                out.append("[^/]+");
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(out.toString());
    }

    /** Collects rules; their order does not matter. */
    private static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        Builder open(HttpMethod method, String pattern) {
            rules.add(new Rule(method, pattern, Set.of(), true, false));
            return this;
        }

        Builder allow(HttpMethod method, String pattern, Set<Role> roles) {
            rules.add(new Rule(method, pattern, Set.copyOf(roles), false, false));
            return this;
        }

        /** An event stream: GET only, and the token may come in the query string. */
        Builder stream(String pattern, Set<Role> roles) {
            rules.add(new Rule(HttpMethod.GET, pattern, Set.copyOf(roles), false, true));
            return this;
        }

        AccessPolicy build() {
            return new AccessPolicy(rules);
        }
    }
}
