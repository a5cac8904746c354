package io.aftercare.auth;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one table of who may call what: each HTTP route matches a rule (first match wins) that names the roles
 * allowed, or marks it public. A route with no rule is refused. Immutable and thread-safe.
 */
public final class AccessPolicy {
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> STAFF = EnumSet.of(Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    /** One row: method (null for any), a path pattern (`*` one segment, `**` the rest), roles or public. */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, boolean isPublic, Pattern regex) {
        Rule(HttpMethod method, String pattern, Set<Role> roles, boolean isPublic) {
            this(method, pattern, roles, isPublic, compile(pattern));
        }

        boolean matches(HttpMethod m, String path) {
            return (method == null || method.equals(m)) && regex.matcher(path).matches();
        }

        public boolean allows(Role role) {
            return isPublic || roles.contains(role);
        }
    }

    private final List<Rule> rules;

    private AccessPolicy(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static AccessPolicy defaults() {
        Builder b = new Builder();
        b.open(HttpMethod.GET, "/health").open(HttpMethod.GET, "/metrics").open(HttpMethod.GET, "/openapi.yaml");
        b.open(HttpMethod.POST, "/api/auth/login");
        b.open(HttpMethod.GET, "/console").open(HttpMethod.GET, "/console/**").open(HttpMethod.GET, "/wallboard").open(HttpMethod.GET, "/wallboard/**").open(HttpMethod.GET, "/");
        b.allow(null, "/api/auth/**", EVERYONE);
        b.allow(null, "/api/accounts/**", ADMIN).allow(null, "/api/accounts", ADMIN);
        b.allow(null, "/api/tokens", ADMIN);
        // After-sales data: everyone reads; agents also record customers and cases during calls;
        // orders, warranties and the catalogue come from the shop or ERP (admin or an integration token).
        b.allow(HttpMethod.GET, "/api/customers/**", EVERYONE).allow(HttpMethod.GET, "/api/customers", EVERYONE);
        b.allow(null, "/api/customers/**", EVERYONE).allow(null, "/api/customers", EVERYONE);
        b.allow(null, "/api/cases/**", EVERYONE).allow(null, "/api/cases", EVERYONE);
        for (String data : List.of("/api/orders", "/api/warranties", "/api/products")) {
            b.allow(HttpMethod.GET, data, EVERYONE).allow(HttpMethod.GET, data + "/**", EVERYONE);
            b.allow(null, data, ADMIN).allow(null, data + "/**", ADMIN);
        }
        // Routing rules are configuration; explaining a decision is a supervisor's tool.
        b.allow(HttpMethod.GET, "/api/routing/**", STAFF).allow(null, "/api/routing/**", ADMIN);
        b.allow(null, "/api/ivr/**", ADMIN).allow(HttpMethod.GET, "/api/queues/**", STAFF);
        b.allow(null, "/api/queues/**", ADMIN).allow(HttpMethod.GET, "/api/queues", STAFF);
        // Agents act on themselves and their own calls; ownership is checked by each handler.
        b.allow(null, "/api/agents/**", EVERYONE).allow(null, "/api/agents", EVERYONE);
        b.allow(null, "/api/calls/**", EVERYONE).allow(null, "/api/calls", EVERYONE);
        b.allow(null, "/api/screenpops/**", EVERYONE);
        b.allow(null, "/api/dispositions/**", EVERYONE).allow(null, "/api/dispositions", EVERYONE);
        b.allow(HttpMethod.GET, "/api/push", EVERYONE);
        b.allow(HttpMethod.POST, "/api/dispositions/reasons", ADMIN);
        // Supervisors' views.
        b.allow(null, "/api/wallboard/**", STAFF).allow(null, "/api/wallboard", STAFF);
        b.allow(null, "/api/reports/**", STAFF);
        b.allow(null, "/api/surveys/**", STAFF).allow(null, "/api/surveys", STAFF);
        b.allow(null, "/api/aftersales-events", ADMIN).allow(null, "/api/do-not-call/**", STAFF)
                .allow(null, "/api/do-not-call", STAFF);
        return b.build();
    }

    /** The first matching rule; a path no rule names is for admins only, so a forgotten rule fails closed. */
    public Rule ruleFor(HttpMethod method, String path) {
        return rules.stream().filter(r -> r.matches(method, path)).findFirst()
                .orElse(new Rule(method, path, ADMIN, false));
    }

    /** True when a rule names this route explicitly (the route walk test wants one for every route). */
    public boolean covers(HttpMethod method, String path) {
        return rules.stream().anyMatch(r -> r.matches(method, path));
    }

    public List<Rule> rules() {
        return rules;
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

    /** Collects rules in order. */
    private static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        Builder open(HttpMethod method, String pattern) {
            rules.add(new Rule(method, pattern, Set.of(), true));
            return this;
        }

        Builder allow(HttpMethod method, String pattern, Set<Role> roles) {
            rules.add(new Rule(method, pattern, Set.copyOf(roles), false));
            return this;
        }

        AccessPolicy build() {
            return new AccessPolicy(rules);
        }
    }
}
