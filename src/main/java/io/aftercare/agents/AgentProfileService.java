package io.aftercare.agents;

import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.queues.PbxCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, changes, lists and deletes agents and their queue assignments, for the API and the command line alike;
 * each change is checked against the PBXs ({@link PbxCheck}). A delete is refused while accounts, cases or routing
 * rules refer to the agent. Blocking JDBC: call on a worker. Thread-safe.
 */
public final class AgentProfileService {
    private final Jdbi jdbi;
    private final PbxCheck pbx;
    private final Clock clock;
    private final Runnable changed;

    /** @param changed run after every change, to re-read what other features hold in memory (routing's agents) */
    public AgentProfileService(Jdbi jdbi, PbxCheck pbx, Clock clock, Runnable changed) {
        this.jdbi = jdbi;
        this.pbx = pbx;
        this.clock = clock;
        this.changed = changed;
    }

    public List<AgentProfile> list() {
        return jdbi.withHandle(h -> {
            AgentProfileDao dao = h.attach(AgentProfileDao.class);
            List<AgentProfileDao.AssignmentRow> all = dao.assignments();
            return dao.all().stream().map(r -> profile(r, all.stream().filter(a -> a.agentId() == r.id()).toList()))
                    .toList();
        });
    }

    public AgentProfile get(String login) {
        return jdbi.withHandle(h -> find(h, login));
    }

    /** The agent of an account ({@code agents.id}), if it still exists. */
    public Optional<AgentProfile> byId(long id) {
        return jdbi.withHandle(h -> h.attach(AgentProfileDao.class).byId(id).map(r -> profile(h, r)));
    }

    /** The agent whose member interface this is, if any. */
    public Optional<AgentProfile> byInterface(String iface) {
        return jdbi.withHandle(h -> h.attach(AgentProfileDao.class).byInterface(iface).map(r -> profile(h, r)));
    }

    public AgentSaved create(AgentInput in) {
        if (in == null) {
            throw new ValidationException("a body with login, name and memberInterface is required");
        }
        String login = AgentFields.login(in.login());
        String name = AgentFields.name(in.name());
        String iface = AgentFields.memberInterface(in.memberInterface());
        String state = AgentFields.stateInterface(in.stateInterface());
        String language = AgentFields.language(in.language() == null ? "en" : in.language());
        AgentProfile saved = jdbi.inTransaction(h -> {
            AgentProfileDao dao = h.attach(AgentProfileDao.class);
            if (dao.byLogin(login).isPresent()) {
                throw new ConflictException("agent " + login + " already exists: change it with PATCH");
            }
            uniqueInterface(dao, iface, 0);
            long id = dao.insert(login, name, iface, state, language, clock.millis());
            replaceQueues(dao, id, in.queues() == null ? List.of() : in.queues());
            return find(h, login);
        });
        return checked(saved);
    }

    public AgentSaved update(String login, AgentInput in) {
        if (in == null) {
            throw new ValidationException("a JSON object with the fields to change is required");
        }
        if (in.login() != null && !in.login().equals(login)) {
            throw new ValidationException("an agent's login cannot change (routing rules and accounts name it):"
                    + " create agent " + in.login() + " instead");
        }
        AgentProfile saved = jdbi.inTransaction(h -> {
            AgentProfileDao dao = h.attach(AgentProfileDao.class);
            AgentProfile now = find(h, login);
            String iface = in.memberInterface() == null ? now.memberInterface()
                    : AgentFields.memberInterface(in.memberInterface());
            uniqueInterface(dao, iface, now.id());
            dao.update(now.id(), in.name() == null ? now.name() : AgentFields.name(in.name()), iface,
                    in.stateInterface() == null ? now.stateInterface() : AgentFields.stateInterface(in.stateInterface()),
                    in.language() == null ? now.language() : AgentFields.language(in.language()));
            if (in.queues() != null) {
                replaceQueues(dao, now.id(), in.queues());
            }
            return find(h, login);
        });
        return checked(saved);
    }

    /** Replaces the queues {@code login} may log in to (a supervisor's change); an empty list allows none. */
    public AgentSaved assign(String login, List<Assignment> queues) {
        if (queues == null) {
            throw new ValidationException("a JSON array of {queue, penalty} is required (empty: no queue)");
        }
        AgentProfile saved = jdbi.inTransaction(h -> {
            replaceQueues(h.attach(AgentProfileDao.class), find(h, login).id(), queues);
            return find(h, login);
        });
        return checked(saved);
    }

    /** Deletes the agent and their assignments; 409 naming the accounts, cases or rules that refer to them. */
    public void delete(String login) {
        jdbi.useTransaction(h -> {
            AgentProfileDao dao = h.attach(AgentProfileDao.class);
            AgentProfile agent = find(h, login);
            List<String> users = new ArrayList<>();
            List<String> accounts = dao.accountsOf(agent.id());
            if (!accounts.isEmpty()) {
                users.add("accounts " + String.join(", ", accounts) + " (link them to another agent or delete them)");
            }
            int cases = dao.casesOwnedBy(agent.id());
            if (cases > 0) {
                users.add(cases + " cases they own (give them to another agent)");
            }
            List<String> rules = dao.rulesPreferring(login);
            if (!rules.isEmpty()) {
                users.add("routing rules " + String.join(", ", rules) + " (they prefer this agent)");
            }
            if (!users.isEmpty()) {
                throw new ConflictException("agent " + login + " is still referred to by " + String.join("; ", users));
            }
            dao.delete(agent.id());
        });
        changed.run();
    }

    private AgentSaved checked(AgentProfile saved) {
        changed.run();
        return new AgentSaved(saved, pbx.agent(saved.memberInterface(),
                saved.queues().stream().map(Assignment::queue).toList()));
    }

    private static void replaceQueues(AgentProfileDao dao, long agentId, List<Assignment> queues) {
        Set<String> seen = new HashSet<>();
        for (Assignment a : queues) {
            if (a == null) {
                throw new ValidationException("each queue assignment needs a queue");
            }
            if (!seen.add(a.queue())) {
                throw new ValidationException("queue " + a.queue() + " is assigned twice");
            }
            if (dao.queue(a.queue()).isEmpty()) {
                throw new ValidationException("no queue " + a.queue() + ": create it first (POST /api/queues)");
            }
        }
        dao.unassignAll(agentId);
        queues.forEach(a -> dao.assign(agentId, a.queue(), a.penalty()));
    }

    private static void uniqueInterface(AgentProfileDao dao, String iface, long exceptId) {
        if (dao.countWithInterface(iface, exceptId) > 0) {
            throw new ConflictException("another agent already has member interface " + iface);
        }
    }

    private static AgentProfile find(Handle h, String login) {
        return h.attach(AgentProfileDao.class).byLogin(login).map(r -> profile(h, r))
                .orElseThrow(() -> new NotFoundException("no agent with login " + login));
    }

    private static AgentProfile profile(Handle h, AgentProfileDao.Row r) {
        return profile(r, h.attach(AgentProfileDao.class).assignments(r.id()));
    }

    private static AgentProfile profile(AgentProfileDao.Row r, List<AgentProfileDao.AssignmentRow> queues) {
        return new AgentProfile(r.id(), r.login(), r.name(), r.iface(), r.stateInterface(), r.language(),
                queues.stream().map(a -> new Assignment(a.queue(), a.penalty())).toList());
    }
}
