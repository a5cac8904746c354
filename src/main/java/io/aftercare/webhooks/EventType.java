package io.aftercare.webhooks;

import io.aftercare.core.Coded;
import io.aftercare.core.ValidationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of event a webhook subscription may ask for, by their codes ("case.opened"). Immutable. */
public enum EventType implements Coded {
    /** A call (inbound or placed by aftercare) ended and its record was stored. */
    CALL_ENDED("call.ended"),
    /** An agent saved the disposition of a call. */
    DISPOSITION_SAVED("disposition.saved"),
    /** A case was opened: through the API, with a disposition, as a survey detractor's or a caller's callback. */
    CASE_OPENED("case.opened"),
    /** A case changed: through the API, or a disposition moved its status. */
    CASE_CHANGED("case.changed"),
    /** A survey call's answers were stored. */
    SURVEY_ANSWERED("survey.answered"),
    /** A survey's answers make the customer a detractor (NPS 0-6, CSAT 1-2 or not resolved): a follow-up is open. */
    SURVEY_DETRACTOR("survey.detractor"),
    /** A caller asked to be called back (today: the after-hours callback; the queue's callbacks are issue 19). */
    CALLBACK_REQUESTED("callback.requested"),
    /** Sent only by {@code POST /api/webhooks/{id}/test}, to that subscription; cannot be subscribed to. */
    PING("ping");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public boolean subscribable() {
        return this != PING;
    }

    /** The subscribable type with this code, or a 422 listing them. */
    public static EventType subscribable(String code) {
        for (EventType type : values()) {
            if (type.subscribable() && type.code.equals(code)) {
                return type;
            }
        }
        throw new ValidationException("unknown event type '" + code + "'; known: " + Arrays.stream(values())
                .filter(EventType::subscribable).map(EventType::code).collect(Collectors.joining(", ")));
    }
}
