package io.aftercare.routing;

import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The one code path from a caller ID and dialled number to a {@link Decision}, shared by the live route script
 * and the explain endpoint, plus the record of decisions made. Blocking (database): call from a worker. Thread-safe.
 */
public final class RoutingService {
    private final Jdbi jdbi;
    private final PhoneNumbers phones;
    private final CallerDirectory directory;
    private final RoutingContextLoader loader;
    private final RoutingRuleService rules;
    private final RuleEngine engine;
    private final Clock clock;
    private final DecisionRecorder recorder;
    private final LiveAgents live;
    private final String pbxId;

    /** @param live who may be rung before the queue now, on the PBX {@code pbxId} the route answers */
    public RoutingService(Jdbi jdbi, PhoneNumbers phones, CallerDirectory directory, RoutingContextLoader loader,
                          RoutingRuleService rules, RuleEngine engine, Clock clock, DecisionRecorder recorder,
                          LiveAgents live, String pbxId) {
        this.recorder = recorder;
        this.live = live;
        this.pbxId = pbxId;
        this.jdbi = jdbi;
        this.phones = phones;
        this.directory = directory;
        this.loader = loader;
        this.rules = rules;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * Reads a caller ID as Asterisk sends it: withheld, empty or unreadable callers are unknown. An E.164 caller
     * ID the caller directory holds needs no parsing.
     */
    public Optional<PhoneNumber> readCaller(String callerId) {
        if (callerId == null) {
            return Optional.empty();
        }
        Optional<PhoneNumber> known = directory.knownNumber(callerId);
        if (known.isPresent()) {
            return known;
        }
        String text = callerId.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("anonymous") || text.equals("unknown") || text.equals("restricted")
                || text.equals("private") || text.equals("unavailable")) {
            return Optional.empty();
        }
        return phones.parseCallerId(callerId);
    }

    /** The hotline a call dialled: the DNID when Asterisk knows it, else the extension the dialplan ran. */
    public static String hotline(String dnid, String extension) {
        String d = dnid == null ? "" : dnid.strip();
        return d.isEmpty() || d.equalsIgnoreCase("unknown") ? (extension == null ? "" : extension.strip()) : d;
    }

    /** The context of a call, from memory when it can be ({@link #contextInMemory}), else from the database. */
    public RoutingContext context(Optional<PhoneNumber> caller, String language, String hotline) {
        return contextInMemory(caller, language, hotline).orElseGet(() -> loader.load(caller, language, hotline));
    }

    /**
     * The context of a call when it needs no database read: a withheld or unreadable caller, or a number the caller
     * directory holds. Never blocks.
     */
    public Optional<RoutingContext> contextInMemory(Optional<PhoneNumber> caller, String language, String hotline) {
        if (caller.isEmpty()) {
            return Optional.of(loader.load(caller, language, hotline)); // unknown: no read
        }
        return directory.context(caller.get(), language, hotline);
    }

    /**
     * The rules' decision, without its preferred agent when that agent may not be rung before the queue now (not
     * logged in to it, paused, busy: aftercare's live agent state, read without waiting).
     */
    public Decision decide(RoutingContext context) {
        Decision d = engine.decide(rules.ruleSet(), context);
        return d.preferredAgent().flatMap(agent -> live.busyReason(pbxId, agent, d.queue()))
                .map(d::withoutPreferredAgent).orElse(d);
    }

    /** Tells call tracking that the call {@code linkedId} rings the decision's preferred agent before its queue. */
    public void ringsFirst(String linkedId, Decision d) {
        d.preferredAgent().ifPresent(agent -> live.ringsFirst(pbxId, linkedId, d.queue(), agent));
    }

    /** The decision a call from {@code caller} to {@code dnid} would get now, without a call. */
    public Explanation explain(String caller, String dnid, String language) {
        Optional<PhoneNumber> number = readCaller(caller);
        RoutingContext context = context(number, language, hotline(dnid, ""));
        return Explanation.of(caller, dnid, context, decide(context));
    }

    /** Queues the decision for the batch writer; never blocks the call. */
    public void record(RecordedDecision decision) {
        recorder.offer(decision);
    }

    public Optional<RecordedDecision> recorded(String pbxId, String uniqueid) {
        return jdbi.withHandle(h -> h.attach(RoutingDecisionDao.class).byUniqueid(pbxId, uniqueid));
    }

    /** A page of the recorded decisions, newest first. */
    public Page<RecordedDecision> recent(PageRequest page) {
        long beforeId = page.after() == null ? Long.MAX_VALUE : page.after().id();
        return Page.of(jdbi.withHandle(h -> h.attach(RoutingDecisionDao.class).recent(beforeId, page.fetch())), page,
                d -> Cursor.ofId(d.id()), null);
    }

    public String fallbackQueue() {
        return engine.fallbackQueue();
    }

    public Clock clock() {
        return clock;
    }
}
