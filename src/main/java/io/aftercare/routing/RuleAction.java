package io.aftercare.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * What a matching rule does with the call: the queue, its priority, an optional IVR menu, and an optional agent
 * to offer the call to first ({@link #CASE_OWNER} means the owner of the open case) with how long to wait for
 * them. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleAction(String queue, Integer priority, String ivrMenu, String preferredAgent,
                         Integer preferredWaitSeconds) {
    /** The preferredAgent value that means "the agent who owns the caller's open case". */
    public static final String CASE_OWNER = "case_owner";
    public static final int DEFAULT_WAIT_SECONDS = 20;

    public RuleAction {
        queue = queue == null ? null : queue.strip();
        ivrMenu = ivrMenu == null || ivrMenu.isBlank() ? null : ivrMenu.strip();
        preferredAgent = preferredAgent == null || preferredAgent.isBlank() ? null : preferredAgent.strip();
    }

    public int priorityOrZero() {
        return priority == null ? 0 : priority;
    }

    public int waitSeconds() {
        return preferredAgent == null ? 0 : preferredWaitSeconds == null ? DEFAULT_WAIT_SECONDS : preferredWaitSeconds;
    }

    /** Shape problems; whether the queue or agent exists is checked against the database by the service. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (queue == null || !queue.matches("[A-Za-z0-9_-]{1,64}")) {
            problems.add("then.queue is required: a queue name of letters, digits, '-' or '_'");
        }
        if (priority != null && (priority < 0 || priority > 100)) {
            problems.add("then.priority must be between 0 and 100");
        }
        if (ivrMenu != null && !ivrMenu.matches("[a-z0-9_-]{1,32}")) {
            problems.add("then.ivrMenu must be a menu name of lower-case letters, digits, '-' or '_'");
        }
        if (preferredAgent != null && !preferredAgent.matches("[A-Za-z0-9_.-]{1,64}")) {
            problems.add("then.preferredAgent must be 'case_owner' or an agent login");
        }
        if (ivrMenu != null && preferredAgent != null) { // the ivr script sets the preferred agent itself
            problems.add("then.ivrMenu and then.preferredAgent cannot go together: the menu offers the case owner"
                    + " to callers with an open case, and a rule's preferred agent would never ring");
        }
        if (preferredWaitSeconds != null && (preferredWaitSeconds < 0 || preferredWaitSeconds > 600)) {
            problems.add("then.preferredWaitSeconds must be between 0 and 600");
        }
        return problems;
    }
}
