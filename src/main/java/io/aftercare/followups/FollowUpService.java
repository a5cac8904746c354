package io.aftercare.followups;

import io.aftercare.auth.Principal;
import io.aftercare.controls.ClickToCall;
import io.aftercare.core.Coded;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The follow-ups as agents and supervisors work them: the list (oldest first), claiming one (first come: the
 * others get a 409), calling the caller back through click-to-call (only its claimer), closing it with a note, and a
 * supervisor's release of a claimed one; the voicemail's audio. Blocking (database, spool): call on a worker.
 * Thread-safe.
 */
public final class FollowUpService {
    /** What the list shows unless asked otherwise: the work still to do. */
    static final List<FollowUpState> TO_DO = List.of(FollowUpState.OPEN, FollowUpState.CLAIMED);

    private final FollowUpDao dao;
    private final ClickToCall clickToCall;
    private final Optional<VoicemailSpool> spool;
    private final Clock clock;

    /** The body of {@code POST /api/follow-ups/{id}/done}: what came of it. */
    public record Done(String outcome) {}

    public FollowUpService(FollowUpDao dao, ClickToCall clickToCall, Optional<VoicemailSpool> spool, Clock clock) {
        this.dao = dao;
        this.clickToCall = clickToCall;
        this.spool = spool;
        this.clock = clock;
    }

    /** A page of follow-ups in {@code states} (default: open and claimed), of one queue and kind when given. */
    public Page<FollowUp> list(List<String> states, String queue, String kind, PageRequest page) {
        List<FollowUpState> wanted = states.isEmpty() ? TO_DO
                : states.stream().map(s -> Coded.parse(FollowUpState.class, s, "state")).distinct().toList();
        FollowUpKind k = kind == null ? null : Coded.parse(FollowUpKind.class, kind, "kind");
        List<FollowUp> rows = dao.list(wanted, queue, k, page.after(), page.fetch(), clock.instant()).stream()
                .map(FollowUpDao.Row::view).toList();
        return Page.of(rows, page, f -> new Cursor(f.createdAt().toEpochMilli(), f.id()), null);
    }

    public FollowUp get(long id) {
        return row(id).view();
    }

    /** The agent behind {@code who} takes it; a 409 when someone else was first or it is closed. */
    public FollowUp claim(Principal who, long id) {
        long agent = agentOf(who, "claim");
        if (!dao.claim(id, agent, clock.instant())) {
            FollowUp f = get(id);
            throw new ConflictException("follow-up " + id + " is " + f.state().code()
                    + (f.claimedBy() == null ? "" : " by " + f.claimedBy()) + ": only an open one can be claimed");
        }
        return get(id);
    }

    /** Back to open, for anyone to claim (supervisors: access policy); a 409 when it is not claimed. */
    public FollowUp release(long id) {
        if (!dao.release(id, clock.instant())) {
            throw new ConflictException("follow-up " + get(id).id() + " is " + get(id).state().code()
                    + ": only a claimed one can be released");
        }
        return get(id);
    }

    /**
     * Calls the caller back from the claimer's phone (click-to-call: their phone rings, then the caller's number)
     * and records the call on the follow-up.
     */
    public FollowUp call(Principal who, long id, String pbxId) {
        long agent = agentOf(who, "call back");
        FollowUpDao.Row row = mine(id, agent);
        if (row.view().e164() == null) {
            throw new ValidationException("follow-up " + id + " has no number to call (withheld caller ID): listen"
                    + " to the message for one and call it from the console");
        }
        ClickToCall.Placed placed = clickToCall.place(who, pbxId == null ? row.view().pbxId() : pbxId,
                new ClickToCall.Request(pbxId == null ? row.view().pbxId() : pbxId, null, row.view().e164()));
        if (!dao.called(id, agent, placed.linkedId(), clock.instant())) {
            throw new ConflictException("follow-up " + id + " was released while the call was placed ("
                    + placed.linkedId() + ")");
        }
        return get(id);
    }

    /** Its claimer closes it with what came of it. */
    public FollowUp done(Principal who, long id, Done body) {
        long agent = agentOf(who, "complete");
        String outcome = body == null || body.outcome() == null ? "" : body.outcome().strip();
        if (outcome.length() > 500 || outcome.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new ValidationException("outcome must be at most 500 characters without control characters");
        }
        mine(id, agent);
        if (!dao.done(id, agent, outcome, clock.instant())) {
            throw new ConflictException("follow-up " + id + " is no longer yours");
        }
        return get(id);
    }

    /** The voicemail's audio file, found in the spool by its msg_id; a 404 when it has none (any more). */
    public Path recording(long id) {
        FollowUpDao.Row row = row(id);
        if (row.voicemailMsgId() == null) {
            throw new NotFoundException("follow-up " + id + " is not a voicemail");
        }
        return spool.flatMap(s -> s.audio(row.voicemailMsgId())).orElseThrow(() -> new NotFoundException(
                "the recording of follow-up " + id + " is no longer in the voicemail spool"));
    }

    private FollowUpDao.Row mine(long id, long agent) {
        FollowUpDao.Row row = row(id);
        if (row.view().state() != FollowUpState.CLAIMED || row.claimedById() == null || row.claimedById() != agent) {
            throw new ConflictException("follow-up " + id + " is " + row.view().state().code()
                    + (row.view().claimedBy() == null ? "" : " by " + row.view().claimedBy()) + ": claim it first");
        }
        return row;
    }

    private FollowUpDao.Row row(long id) {
        return dao.find(id, clock.instant()).orElseThrow(() -> new NotFoundException("no follow-up " + id));
    }

    private static long agentOf(Principal who, String what) {
        // allowed by role, refused by state: an account linked to no agent (409, not 403), as one may be linked later
        return who.agent().orElseThrow(() -> new ConflictException("this account is not linked to an agent: only an"
                + " agent's account can " + what + " a follow-up"));
    }
}
