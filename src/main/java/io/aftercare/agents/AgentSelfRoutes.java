package io.aftercare.agents;

import io.aftercare.auth.AuthHandler;
import io.aftercare.auth.Principal;
import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentView;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.core.NotFoundException;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/agents/me}: the signed-in agent's own interface, queues and live state, which the agent
 * console needs to send its state commands. Supervisors and admins get 404: they have no agent. Stateless.
 */
public final class AgentSelfRoutes {
    private AgentSelfRoutes() {}

    /**
     * What the console knows of its agent. {@code queues} are the queues the PBX has the agent in now;
     * {@code allQueues} the ones assigned to the agent, which they may log in to; {@code transferQueues} every
     * queue, which a call may be transferred to. State is LOGGED_OUT when the PBX has none. In after-call work: the call it is for, when it ends unless extended, and the latest it may be extended to.
     * {@code pendingPause}: a pause asked during the call, taking effect after it. {@code now}: the server's time,
     * against which the console counts {@code since} and {@code wrapupEndsAt} down (the browser's clock may differ).
     */
    public record Me(long agentId, String login, String name, String iface, String pbxId, AgentState state,
                     String reason, List<String> queues, Map<String, Boolean> queuesPaused, List<String> allQueues,
                     String linkedId, Instant since, String wrapupLinkedId, Instant wrapupEndsAt,
                     Instant wrapupLimit, String pendingPause, Instant now, List<String> transferQueues) {}

    public static void mount(Router router, Handlers handlers, Jdbi jdbi, CallTrackingService tracking,
                             String defaultPbx, Clock clock) {
        router.get("/api/agents/me").handler(handlers.json(ctx -> {
            Principal principal = AuthHandler.principal(ctx);
            long agentId = principal.agent().orElseThrow(() -> new NotFoundException("this account is not an agent"));
            AgentDao.Profile profile = jdbi.withHandle(h -> h.attach(AgentDao.class).profile(agentId))
                    .orElseThrow(() -> new NotFoundException("this account's agent no longer exists"));
            List<String> allQueues = jdbi.withHandle(h -> h.attach(AgentDao.class).assignedQueues(agentId));
            List<String> transferQueues = jdbi.withHandle(h -> h.attach(AgentDao.class).queueNames());
            AgentView view = views(tracking).stream()
                    .filter(v -> v.agent().equals(profile.iface()) && v.pbxId().equals(defaultPbx))
                    .findFirst().orElse(null);
            if (view == null) {
                return new Me(agentId, profile.login(), profile.name(), profile.iface(), defaultPbx,
                        AgentState.LOGGED_OUT, null, List.of(), Map.of(), allQueues, null, null, null, null, null,
                        "", clock.instant(), transferQueues);
            }
            return new Me(agentId, profile.login(), profile.name(), profile.iface(), defaultPbx, view.state(),
                    view.reason(), view.queuesPaused().keySet().stream().sorted().toList(), view.queuesPaused(),
                    allQueues, view.linkedId(), view.since(), view.wrapupLinkedId(), view.wrapupEndsAt(),
                    view.wrapupLimit(), view.pendingPause(), clock.instant(), transferQueues);
        }));
    }

    /** Runs on a db worker: waiting here for the tracking thread's answer never blocks an event loop. */
    private static List<AgentView> views(CallTrackingService tracking) {
        try {
            return tracking.agents().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading agent states", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("agent states are not available: " + e, e);
        }
    }
}
