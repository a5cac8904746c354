package io.aftercare.calls;

import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The stored calls as the API lists them ({@link CallRows} plus each page's segments, dispositions and survey
 * answers): pages, one call with its segments, and every matching call for an export. Blocking: call from a
 * worker thread. Thread-safe.
 */
public final class CallLog {
    /** Rows per read when exporting every match. */
    static final int EXPORT_CHUNK = 1000;

    private final Jdbi jdbi;

    public CallLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A page of the matching calls, newest first; with their count when {@code count}. */
    public Page<CallSummary> page(CallFilter filter, PageRequest request, boolean count) {
        return jdbi.withHandle(h -> {
            CallRows rows = new CallRows(h.getConnection());
            Long total = count ? rows.count(filter) : null;
            return Page.of(summaries(rows, rows.page(filter, request)), request, CallLog::position, total);
        });
    }

    public Optional<CallDetails> get(long id) {
        return jdbi.withHandle(h -> {
            CallRows rows = new CallRows(h.getConnection());
            return rows.byId(id).map(call -> {
                List<SegmentRecord> segments = rows.segments(List.of(call))
                        .getOrDefault(CallRows.key(call.pbxId(), call.linkedId()), List.of());
                return new CallDetails(summaries(rows, List.of(call)).get(0),
                        segments.stream().map(CallDetails.Segment::of).toList());
            });
        });
    }

    /**
     * Hands every matching call to {@code sink}, newest first, {@value #EXPORT_CHUNK} at a time (one short read
     * each, so an export holds neither a connection nor the whole result while the client reads).
     */
    public void export(CallFilter filter, Consumer<List<CallSummary>> sink) {
        PageRequest request = PageRequest.first(EXPORT_CHUNK);
        while (true) {
            Page<CallSummary> page = page(filter, request, false);
            sink.accept(page.items());
            if (page.nextCursor() == null) {
                return;
            }
            request = new PageRequest(EXPORT_CHUNK, Cursor.decode(page.nextCursor()));
        }
    }

    /** The member interface of an agent by id (the signed-in agent's). */
    public Optional<String> agentInterface(long agentId) {
        return jdbi.withHandle(h -> h.select("SELECT interface FROM agents WHERE id = ?", agentId)
                .mapTo(String.class).findOne());
    }

    /** The member interface an {@code agent} filter names: an agent's login, else the interface itself. */
    public String interfaceOf(String loginOrInterface) {
        return jdbi.withHandle(h -> h.select("SELECT interface FROM agents WHERE login = ?", loginOrInterface)
                .mapTo(String.class).findOne()).orElse(loginOrInterface);
    }

    static Cursor position(CallSummary call) {
        return new Cursor(call.startedAt().toEpochMilli(), call.id());
    }

    private static List<CallSummary> summaries(CallRows rows, List<CallRow> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        Map<String, List<SegmentRecord>> segments = rows.segments(calls);
        Map<String, CallSummary.Disposition> dispositions = rows.dispositions(calls);
        Map<String, CallSummary.Survey> surveys = rows.surveys(calls);
        return calls.stream().map(c -> {
            String key = CallRows.key(c.pbxId(), c.linkedId());
            return CallSummary.of(c, segments.getOrDefault(key, List.of()), dispositions.get(key),
                    surveys.get(c.linkedId()));
        }).toList();
    }
}
