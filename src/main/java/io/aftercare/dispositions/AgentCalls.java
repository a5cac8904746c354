package io.aftercare.dispositions;

/** What dispositions need of live call tracking. Implementations are thread-safe and may wait briefly. */
public interface AgentCalls {
    /** True while the agent still rings with, talks on or holds the call. */
    boolean engaged(String pbxId, String linkedId, String iface);

    /** Ends the agent's after-call work: aftercare unpauses them where after-call work paused them. */
    void endWrapUp(String pbxId, String iface);
}
