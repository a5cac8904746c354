package io.aftercare.testing;

import static org.awaitility.Awaitility.await;

import io.aftercare.App;
import io.aftercare.telephony.events.PbxEvent;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Rows several feature tests share, inserted with fixed ids. Stateless. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Agent {@code iface} logs in to {@code queue} on the app's PBX as its AMI link would report it (QueueMemberAdded,
     * not paused); returns once the route sees them free to ring first.
     */
    public static void loggedIn(App app, String iface, String queue) {
        String pbx = app.config().ami().pbxId();
        app.calls().tracking().accept(new PbxEvent.MemberAdded(pbx, Instant.now(), queue, iface, iface, false, ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> app.calls().tracking().busyReason(pbx, iface, queue)
                .isEmpty());
    }

    /**
     * Agent 2 (Local/agent2@agents) and Rita Repair (customer 3, +12122000003) whose open repair case 30 agent 2
     * owns: the caller the IVR offers her case to and the after-hours branch opens callbacks for.
     */
    public static void repairCallerWithCaseOwner(Handle h, long now) {
        h.execute("INSERT INTO agents (id, login, name, interface, created_at) VALUES (2, 'agent2', 'Agent Two',"
                + " 'Local/agent2@agents', ?)", now);
        h.execute("INSERT INTO customers (id, name, language, tier, created_at, updated_at)"
                + " VALUES (3, 'Rita Repair', 'en', 'standard', ?, ?)", now, now);
        h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES ('+12122000003', 3, ?)", now);
        h.execute("INSERT INTO cases (id, customer_id, type, status, owner_agent_id, opened_at, updated_at)"
                + " VALUES (30, 3, 'repair', 'in_progress', 2, ?, ?)", now, now);
    }
}
