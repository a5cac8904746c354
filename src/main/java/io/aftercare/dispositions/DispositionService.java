package io.aftercare.dispositions;

import io.aftercare.customers.CustomerChanges;
import io.aftercare.auth.Principal;
import io.aftercare.cases.CaseDao;
import io.aftercare.cases.CaseInput;
import io.aftercare.cases.CaseService;
import io.aftercare.cases.CaseStatus;
import io.aftercare.cases.SupportCase;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.screenpop.ScreenPopService;
import io.aftercare.web.Json;
import io.aftercare.webhooks.EventType;
import io.aftercare.webhooks.WebhookOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Saves an agent's disposition of a call they handled, once the call has ended for them: links or opens a case and
 * moves its status, stores the disposition once, drops its draft, ends the agent's after-call work and raises
 * {@link DispositionSaved}. Keeps the drafts an agent writes during the call and in wrap-up, and lists the calls
 * they have yet to dispose of. Thread-safe.
 */
public final class DispositionService {
    static final int MAX_NOTES = 4000;
    /** How far back an agent's calls awaiting their disposition are listed. */
    static final Duration PENDING_FOR = Duration.ofHours(24);
    private static final int PENDING_LISTED = 50;

    private final Jdbi jdbi;
    private final ScreenPopService pops;
    private final CaseService cases;
    private final Clock clock;
    private final AgentCalls calls;
    private final List<Consumer<DispositionSaved>> listeners = new CopyOnWriteArrayList<>();

    public DispositionService(Jdbi jdbi, ScreenPopService pops, CaseService cases, Clock clock, AgentCalls calls) {
        this.jdbi = jdbi;
        this.pops = pops;
        this.cases = cases;
        this.clock = clock;
        this.calls = calls;
    }

    public void addListener(Consumer<DispositionSaved> listener) {
        listeners.add(listener);
    }

    public Disposition save(Principal principal, String pbxId, String linkedId, DispositionInput in) {
        if (in.reasonCode() == null || in.reasonCode().isBlank()) {
            throw new ValidationException("reasonCode is required");
        }
        if (in.resolved() == null) {
            throw new ValidationException("resolved is required (true or false)");
        }
        String notes = checkedNotes(in);
        if (in.caseId() != null && in.newCase() != null) {
            throw new ValidationException("give caseId or newCase, not both");
        }
        DispositionDao.Reason reason = jdbi.withHandle(h -> h.attach(DispositionDao.class).reasons()).stream()
                .filter(r -> r.code().equals(in.reasonCode()) && r.active()).findFirst()
                .orElseThrow(() -> new ValidationException("unknown reason code '" + in.reasonCode() + "'"));
        String queue = jdbi.withHandle(h -> h.attach(DispositionDao.class).queueOf(pbxId, linkedId))
                .orElseThrow(() -> new NotFoundException("call " + linkedId + " is not known"));
        String agent = pops.checkHandledBy(principal, pbxId, linkedId);
        if (calls.engaged(pbxId, linkedId, agent)) {
            throw new ConflictException("call " + linkedId + " is still in progress for you: keep your notes as a"
                    + " draft (PUT /api/calls/" + linkedId + "/draft) and save the disposition once it has ended");
        }
        Long customerId = pops.customerOf(new ScreenPopService.CallRef(pbxId, linkedId, null, queue)).orElse(null);
        Instant now = clock.instant();
        Disposition saved = jdbi.inTransaction(h -> {
            DispositionDao dao = h.attach(DispositionDao.class);
            if (dao.find(pbxId, linkedId, agent).isPresent()) {
                throw new ConflictException("call " + linkedId + " already has your disposition");
            }
            Long caseId = linkCase(h, in, customerId, now);
            long id = dao.insert(new Disposition(0, pbxId, linkedId, agent, principal.accountId(), customerId, caseId,
                    reason.code(), in.resolved(), notes, now));
            Disposition stored = dao.find(id).orElseThrow();
            dao.markContact(stored);
            h.attach(DraftDao.class).delete(pbxId, linkedId, agent);
            WebhookOutbox.append(h, EventType.DISPOSITION_SAVED, new SavedEvent(stored, queue), now);
            return stored;
        });
        calls.endWrapUp(pbxId, agent);
        DispositionSaved event = new DispositionSaved(saved, queue, reason.survey(), reason.surveyDelayMinutes());
        listeners.forEach(listener -> listener.accept(event));
        return saved;
    }

    /** The data of the {@code disposition.saved} webhook event. */
    public record SavedEvent(Disposition disposition, String queue) {}

    /** A draft of the agent's disposition of a call, as their form last sent it. */
    public record Draft(String pbxId, String linkedId, DispositionInput form, Instant updatedAt) {}

    /**
     * Keeps what the agent has typed so far for a call they rang with or handled, in progress or not: any field may
     * be missing; notes are checked as in a disposition. Replaces the previous draft.
     */
    public Draft saveDraft(Principal principal, String pbxId, String linkedId, DispositionInput in) {
        checkedNotes(in);
        if (in.caseId() != null && in.newCase() != null) {
            throw new ValidationException("give caseId or newCase, not both");
        }
        String agent = handledBy(principal, pbxId, linkedId);
        Instant now = clock.instant();
        jdbi.useHandle(h -> {
            if (h.attach(DispositionDao.class).find(pbxId, linkedId, agent).isPresent()) {
                throw new ConflictException("call " + linkedId + " already has your disposition");
            }
            h.attach(DraftDao.class).save(pbxId, linkedId, agent, principal.accountId(), Json.write(in), now);
        });
        return new Draft(pbxId, linkedId, in, now);
    }

    /** The agent's draft of a call's disposition; 404 when they have none. */
    public Draft draft(Principal principal, String pbxId, String linkedId) {
        String agent = handledBy(principal, pbxId, linkedId);
        DraftDao.Stored stored = jdbi.withHandle(h -> h.attach(DraftDao.class).find(pbxId, linkedId, agent))
                .orElseThrow(() -> new NotFoundException("no draft for call " + linkedId));
        return new Draft(pbxId, linkedId, Json.read(stored.body(), DispositionInput.class), stored.updatedAt());
    }

    /** A call of the agent's awaiting their disposition: who called, when the talk ended, their draft if any. */
    public record Pending(String pbxId, String linkedId, String callerRaw, String callerName, String queue,
                          Long customerId, String customerName, Instant talkEndedAt, DispositionInput draft,
                          Instant draftUpdatedAt) {}

    /**
     * The signed-in agent's calls of the last {@link #PENDING_FOR} that ended for them without their disposition,
     * oldest first: each wrap-up belongs to its own call, however many came since.
     */
    public List<Pending> pending(Principal principal) {
        String agent = pops.interfaceOf(principal)
                .orElseThrow(() -> new NotFoundException("this account is not an agent"));
        Instant since = clock.instant().minus(PENDING_FOR);
        return jdbi.withHandle(h -> h.attach(DraftDao.class).pending(agent, since, PENDING_LISTED)).stream()
                .map(p -> new Pending(p.pbxId(), p.linkedId(), p.callerRaw(), p.callerName(), p.queue(),
                        p.customerId(), p.customerName(), p.talkEndedAt(),
                        p.draft() == null ? null : Json.read(p.draft(), DispositionInput.class), p.draftUpdatedAt()))
                .toList();
    }

    /** The agent's interface when the call is known (else 404) and rang or reached them (else 403). */
    private String handledBy(Principal principal, String pbxId, String linkedId) {
        jdbi.withHandle(h -> h.attach(DispositionDao.class).queueOf(pbxId, linkedId))
                .orElseThrow(() -> new NotFoundException("call " + linkedId + " is not known"));
        return pops.checkHandledBy(principal, pbxId, linkedId);
    }

    private static String checkedNotes(DispositionInput in) {
        String notes = in.notes() == null ? "" : in.notes().strip();
        if (notes.length() > MAX_NOTES) {
            throw new ValidationException("notes are longer than " + MAX_NOTES + " characters");
        }
        return notes;
    }

    public List<DispositionDao.Reason> reasons() {
        return jdbi.withHandle(h -> h.attach(DispositionDao.class).reasons());
    }

    public DispositionDao.Reason saveReason(DispositionDao.Reason reason) {
        if (reason.code() == null || !reason.code().matches("[a-z0-9-]{1,40}")) {
            throw new ValidationException("code must be 1-40 lower-case letters, digits or '-'");
        }
        if (reason.label() == null || reason.label().isBlank() || reason.label().length() > 100) {
            throw new ValidationException("label is required (at most 100 characters)");
        }
        if (reason.surveyDelayMinutes() < 0 || reason.surveyDelayMinutes() > 60 * 24 * 14) {
            throw new ValidationException("surveyDelayMinutes must be between 0 and 20160");
        }
        jdbi.useHandle(h -> h.attach(DispositionDao.class).saveReason(reason));
        return reasons().stream().filter(r -> r.code().equals(reason.code())).findFirst().orElseThrow();
    }

    /** The case the disposition is about: an existing one of this customer, or a new one; its status follows. */
    private Long linkCase(org.jdbi.v3.core.Handle h, DispositionInput in, Long customerId, Instant now) {
        if (in.caseId() == null && in.newCase() == null) {
            return null;
        }
        if (customerId == null) {
            throw new ValidationException("the caller is not a known customer: find or create the customer first");
        }
        CaseDao dao = h.attach(CaseDao.class);
        SupportCase c;
        if (in.caseId() != null) {
            c = dao.find(in.caseId()).orElseThrow(() -> new ValidationException("case " + in.caseId() + " does not exist"));
            if (c.customerId() != customerId) {
                throw new ValidationException("case " + in.caseId() + " belongs to another customer");
            }
        } else {
            DispositionInput.NewCase n = in.newCase();
            if ("repair".equals(n.type()) && (n.serialNumber() == null || n.serialNumber().isBlank())) {
                throw new ValidationException("a repair case needs the serialNumber of the device");
            }
            c = cases.open(h, new CaseInput(customerId, null, n.type(), null, n.subject(), n.sku(), n.serialNumber(),
                    null));
        }
        CaseStatus status = in.resolved() ? CaseStatus.RESOLVED : c.status().isOpen() ? CaseStatus.IN_PROGRESS : c.status();
        dao.update(new SupportCase(c.id(), c.customerId(), c.type(), status, c.subject(), c.sku(), c.serialNumber(),
                c.ownerAgentId(), c.openedAt(), now, status.isOpen() ? null : now));
        if (status != c.status()) {
            CaseService.changed(h, dao.find(c.id()).orElseThrow(), c);
        }
        CustomerChanges.changed(h, c.customerId(), now); // a resolved case no longer steers the caller's routing
        return c.id();
    }
}
