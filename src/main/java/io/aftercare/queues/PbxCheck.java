package io.aftercare.queues;

import io.aftercare.telephony.PbxQueues;
import io.aftercare.telephony.PbxQueues.PbxQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Compares queues and agents with what each PBX's app_queue has (AMI QueueStatus) and says what differs as
 * warnings. Never refuses: a PBX that is down or slow gives "not checked: ...". Blocking (waits for the PBXs, at
 * most the timeout): call it on a worker, never an event loop. Thread-safe.
 */
public final class PbxCheck {
    private final PbxQueues pbx;
    private final Duration timeout;

    public PbxCheck(PbxQueues pbx, Duration timeout) {
        this.pbx = pbx;
        this.timeout = timeout;
    }

    /** No PBX to ask (the command line): every check says so. */
    public static PbxCheck none() {
        return new PbxCheck(PbxQueues.NONE, Duration.ZERO);
    }

    /** What one PBX answered: its queues, or why it could not be asked. Immutable. */
    public record Answer(String pbxId, List<PbxQueue> queues, String failure) {}

    /**
     * Warnings for queue {@code name}: a PBX whose app_queue does not have it, or rings it with another strategy
     * than the hint {@code strategy} (empty: no hint).
     */
    public List<String> queue(String name, String strategy) {
        return queueFindings(name, strategy, ask());
    }

    /**
     * Warnings for an agent with {@code memberInterface} assigned {@code assigned}: an assigned queue a PBX does not
     * have, and a PBX queue the interface is a member of but is not assigned here.
     */
    public List<String> agent(String memberInterface, Collection<String> assigned) {
        return agentFindings(memberInterface, assigned, ask());
    }

    static List<String> queueFindings(String name, String strategy, List<Answer> answers) {
        List<String> out = new ArrayList<>();
        for (Answer a : answers) {
            var found = a.queues().stream().filter(q -> q.name().equals(name)).findFirst();
            if (a.failure() != null) {
                out.add(a.failure());
            } else if (found.isEmpty()) {
                out.add(missing(name, a.pbxId()));
            } else if (!strategy.isEmpty() && !strategy.equals(found.get().strategy())) {
                out.add("queue " + name + " rings " + found.get().strategy() + " in Asterisk pbx '" + a.pbxId()
                        + "', not " + strategy + " as its strategy hint says");
            }
        }
        return out.isEmpty() && answers.isEmpty() ? List.of("not checked: no PBX is configured") : out;
    }

    static List<String> agentFindings(String iface, Collection<String> assigned, List<Answer> answers) {
        if (answers.isEmpty()) {
            return List.of("not checked: no PBX is configured");
        }
        List<String> out = new ArrayList<>();
        for (Answer a : answers) {
            if (a.failure() != null) {
                out.add(a.failure());
                continue;
            }
            for (String queue : assigned.stream().sorted().toList()) {
                if (a.queues().stream().noneMatch(q -> q.name().equals(queue))) {
                    out.add(missing(queue, a.pbxId()));
                }
            }
            for (PbxQueue q : a.queues()) {
                if (q.members().contains(iface) && !assigned.contains(q.name())) {
                    out.add("agent interface " + iface + " is a member of queue " + q.name() + " in Asterisk pbx '"
                            + a.pbxId() + "' but not assigned here");
                }
            }
        }
        return out;
    }

    private static String missing(String queue, String pbxId) {
        return "queue " + queue + " is not configured in Asterisk pbx '" + pbxId + "'";
    }

    /** Asks every PBX at once and waits for all, each at most the timeout. */
    private List<Answer> ask() {
        Map<String, CompletableFuture<List<PbxQueue>>> asked = new LinkedHashMap<>();
        for (String id : pbx.pbxIds()) {
            asked.put(id, pbx.queues(id).toCompletableFuture());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Answer> answers = new ArrayList<>();
        asked.forEach((id, answer) -> {
            try {
                answers.add(new Answer(id, answer.get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS), null));
            } catch (ExecutionException e) {
                answers.add(new Answer(id, List.of(), "not checked: PBX '" + id + "' not connected ("
                        + e.getCause().getMessage() + ")"));
            } catch (TimeoutException e) {
                answers.add(new Answer(id, List.of(), "not checked: PBX '" + id + "' did not answer within "
                        + timeout.toSeconds() + " s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.add(new Answer(id, List.of(), "not checked: interrupted"));
            }
        });
        return answers;
    }
}
