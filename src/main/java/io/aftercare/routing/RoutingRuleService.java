package io.aftercare.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Lists, validates and changes routing rules, and holds the current {@link RuleSet} in memory so a call never
 * waits for the rules table; every change through this service takes effect for the next call. Thread-safe.
 */
public final class RoutingRuleService {
    /** Rules are stored 10 apart (position * 10), which must stay well inside an int. */
    static final int MAX_POSITION = 100_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    public RoutingRuleService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The rules in force, loaded on first use and after each change. */
    public RuleSet ruleSet() {
        RuleSet rules = current.get();
        return rules != null ? rules : reload();
    }

    /**
     * Re-reads the rules (also for changes made to the table by other means). Synchronized: two edits' re-reads
     * may not overlap, or the one that read first could install its older rule set last.
     */
    public synchronized RuleSet reload() {
        RuleSet rules = jdbi.withHandle(h -> {
            RoutingRuleDao dao = h.attach(RoutingRuleDao.class);
            Map<String, String> agents = dao.agents().stream()
                    .collect(Collectors.toMap(RoutingRuleDao.AgentRow::login, RoutingRuleDao.AgentRow::iface));
            return new RuleSet(dao.all().stream().map(RoutingRuleService::toRule).toList(), agents);
        });
        current.set(rules);
        return rules;
    }

    public List<RoutingRule> list() {
        return jdbi.withHandle(h -> h.attach(RoutingRuleDao.class).all().stream().map(RoutingRuleService::toRule)
                .toList());
    }

    public RoutingRule get(long id) {
        return jdbi.withHandle(h -> find(h.attach(RoutingRuleDao.class), id));
    }

    public RoutingRule create(RuleInput in) {
        RoutingRule rule = jdbi.inTransaction(h -> {
            RoutingRuleDao dao = h.attach(RoutingRuleDao.class);
            validate(h, in, 0);
            int order = in.position() == null ? dao.maxSortOrder() + 10 : in.position() * 10 - 5;
            long id = dao.insert(toRow(0, order, in), clock.instant());
            renumber(dao);
            return find(dao, id);
        });
        reload();
        return rule;
    }

    public RoutingRule update(long id, RuleInput in) {
        RoutingRule rule = jdbi.inTransaction(h -> {
            RoutingRuleDao dao = h.attach(RoutingRuleDao.class);
            RoutingRule old = find(dao, id);
            validate(h, in, id);
            int order = in.position() == null ? old.position() * 10 : in.position() * 10 - 5 + (in.position() > old.position() ? 10 : 0);
            dao.update(toRow(id, order, in), clock.instant());
            renumber(dao);
            return find(dao, id);
        });
        reload();
        return rule;
    }

    public void delete(long id) {
        jdbi.useTransaction(h -> {
            RoutingRuleDao dao = h.attach(RoutingRuleDao.class);
            if (dao.delete(id) == 0) {
                throw new NotFoundException("routing rule " + id + " does not exist");
            }
            renumber(dao);
        });
        reload();
    }

    /** Puts the rules in the given order; the list must name every rule exactly once. */
    public List<RoutingRule> reorder(List<Long> ids) {
        List<RoutingRule> rules = jdbi.inTransaction(h -> {
            RoutingRuleDao dao = h.attach(RoutingRuleDao.class);
            var existing = dao.all().stream().map(RoutingRuleDao.Row::id).collect(Collectors.toSet());
            if (ids == null || ids.size() != existing.size() || !new HashSet<>(ids).equals(existing)) {
                throw new ValidationException("ids must list every rule id exactly once: " + existing);
            }
            for (int i = 0; i < ids.size(); i++) {
                dao.move(ids.get(i), (i + 1) * 10, clock.instant());
            }
            return dao.all().stream().map(RoutingRuleService::toRule).toList();
        });
        reload();
        return rules;
    }

    private static void validate(Handle h, RuleInput in, long id) {
        List<String> problems = new ArrayList<>();
        if (in.name() == null || in.name().isBlank() || in.name().length() > 100) {
            problems.add("name is required (at most 100 characters)");
        }
        if (in.position() != null && (in.position() < 1 || in.position() > MAX_POSITION)) {
            problems.add("position counts from 1 to " + MAX_POSITION);
        }
        if (in.then() == null) {
            problems.add("then is required");
        } else {
            problems.addAll(in.then().problems());
        }
        if (in.when() != null) {
            problems.addAll(in.when().problems());
        }
        RoutingRuleDao dao = h.attach(RoutingRuleDao.class);
        if (in.then() != null && in.then().queue() != null && dao.countQueues(in.then().queue()) == 0) {
            problems.add("then.queue '" + in.then().queue() + "' is not a known queue");
        }
        if (in.then() != null && in.then().ivrMenu() != null && dao.countMenus(in.then().ivrMenu()) == 0) {
            problems.add("then.ivrMenu '" + in.then().ivrMenu() + "' is not a known IVR menu");
        }
        if (in.then() != null && in.then().preferredAgent() != null
                && !RuleAction.CASE_OWNER.equals(in.then().preferredAgent())
                && dao.agents().stream().noneMatch(a -> a.login().equals(in.then().preferredAgent()))) {
            problems.add("then.preferredAgent '" + in.then().preferredAgent() + "' is not an agent login");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(String.join("; ", problems));
        }
        if (dao.countNamed(in.name().strip(), id) > 0) {
            throw new ConflictException("a routing rule named '" + in.name().strip() + "' already exists");
        }
    }

    /** Rewrites sort_order as 10, 20, 30 ... so positions stay 1..n. */
    private void renumber(RoutingRuleDao dao) {
        List<RoutingRuleDao.Row> rows = dao.all();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sortOrder() != (i + 1) * 10) {
                dao.move(rows.get(i).id(), (i + 1) * 10, clock.instant());
            }
        }
    }

    private static RoutingRule find(RoutingRuleDao dao, long id) {
        return dao.find(id).map(RoutingRuleService::toRule)
                .orElseThrow(() -> new NotFoundException("routing rule " + id + " does not exist"));
    }

    private static RoutingRuleDao.Row toRow(long id, int sortOrder, RuleInput in) {
        try {
            RuleAction then = in.then();
            return new RoutingRuleDao.Row(id, sortOrder, in.name().strip(), in.enabled() == null || in.enabled(),
                    Json.mapper().writeValueAsString(in.when() == null ? RuleCondition.ALWAYS : in.when()),
                    then.queue(), then.priorityOrZero(), then.ivrMenu(), then.preferredAgent(),
                    then.preferredWaitSeconds());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule conditions did not serialise", e);
        }
    }

    private static RoutingRule toRule(RoutingRuleDao.Row row) {
        RuleCondition when;
        try {
            when = Json.mapper().readValue(row.conditions(), RuleCondition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing rule " + row.id() + " has unreadable conditions", e);
        }
        return new RoutingRule(row.id(), row.sortOrder() / 10, row.name(), row.enabled(), when,
                new RuleAction(row.queue(), row.priority(), row.ivrMenu(), row.preferredAgent(),
                        row.preferredWaitSeconds()));
    }
}
