package io.aftercare.agents;

import io.aftercare.auth.AuditTrail;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;

/**
 * HTTP routes of {@code /api/agent-profiles}, the agents as configured (apart from {@code /api/agents}, their live
 * states and actions): list and read (staff), create, change and delete (admin), and the queues an agent may log
 * in to, which supervisors set ({@code PUT /api/agent-profiles/{login}/queues}, audited like admins' writes).
 * Stateless.
 */
public final class AgentProfileRoutes {
    private AgentProfileRoutes() {}

    /** The body of {@code PUT .../queues}: every queue the agent may log in to, with its penalty. */
    public record QueuesInput(List<Assignment> queues) {}

    public static void mount(Router router, Handlers handlers, AgentProfileService agents) {
        router.get("/api/agent-profiles").handler(handlers.json(ctx -> agents.list()));
        router.post("/api/agent-profiles").handler(handlers.created(ctx ->
                agents.create(Handlers.body(ctx, AgentInput.class))));
        router.get("/api/agent-profiles/:login").handler(handlers.json(ctx -> agents.get(ctx.pathParam("login"))));
        router.patch("/api/agent-profiles/:login").handler(handlers.json(ctx ->
                agents.update(ctx.pathParam("login"), Handlers.body(ctx, AgentInput.class))));
        router.delete("/api/agent-profiles/:login").handler(handlers.json(ctx -> {
            agents.delete(ctx.pathParam("login"));
            return Map.of("deleted", true);
        }));
        router.put("/api/agent-profiles/:login/queues").handler(handlers.json(ctx -> {
            AgentSaved saved = agents.assign(ctx.pathParam("login"), Handlers.body(ctx, QueuesInput.class).queues());
            AuditTrail.describe(ctx, "agent-queues-assigned", "agent " + saved.agent().login() + ": "
                    + saved.agent().queues().stream().map(q -> q.queue() + ":" + q.penalty()).toList());
            return saved;
        }));
    }
}
