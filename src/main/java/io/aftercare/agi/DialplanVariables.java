package io.aftercare.agi;

import java.util.List;

/**
 * Every channel variable aftercare reads from or sets on an Asterisk channel, in one place, shared by the AGI
 * scripts, {@code dialplan/extensions_aftercare.conf}, {@code dialplan/README.md} and the tests. Immutable.
 */
public final class DialplanVariables {
    private DialplanVariables() {}

    /**
     * aftercare's FastAGI address ({@code host:port}), a global the admin sets in {@code [globals]} of
     * extensions.conf; every {@code AGI(agi://${AC_AGI}/...)} of the shipped dialplan uses it. aftercare never reads it.
     */
    public static final String AGI_ADDRESS = "AC_AGI";

    /**
     * The route script's whole answer in one variable, the fields of {@link #PACKED_BY_ROUTE} joined by {@code |}
     * ({@link PackedRoute}): one AGI exchange instead of one per variable. The dialplan unpacks it with
     * {@code CUT(AC_ROUTE,|,N)} into the variables below.
     */
    public static final String ROUTE = "AC_ROUTE";

    // Unpacked from AC_ROUTE by the dialplan (and set directly by the ivr script).
    /** The app_queue queue the dialplan passes to Queue(); the name QUEUE is kept from the captured dialplan. */
    public static final String QUEUE = "QUEUE";
    /** Queue priority read by app_queue itself (higher is answered first). */
    public static final String QUEUE_PRIO = "QUEUE_PRIO";
    /** The agent interface (e.g. PJSIP/agent1) the caller should be offered to first; empty for none. */
    public static final String PREFERRED_AGENT = "AC_PREFERRED_AGENT";
    /** Seconds to ring the preferred agent before the queue; 0 when no agent is preferred. */
    public static final String PREFERRED_WAIT = "AC_PREFERRED_WAIT";
    /** The customer's id in aftercare; empty for an unknown caller. */
    public static final String CUSTOMER_ID = "AC_CUSTOMER_ID";
    /** The id of the caller's most recent open case; empty when none. */
    public static final String CASE_ID = "AC_CASE_ID";
    /** The IVR menu the dialplan runs before queueing; empty to queue directly. */
    public static final String IVR_MENU = "AC_IVR_MENU";
    /** The routing rule that matched (for CDR userfield and debugging). */
    public static final String RULE = "AC_RULE";
    /** "ok" when the route script decided, "fallback" when it answered with the fallback queue. */
    public static final String ROUTE_STATUS = "AC_ROUTE_STATUS";
    /** "1" when the chosen queue is closed (outside its hours or on a holiday); unset when open. */
    public static final String AFTER_HOURS = "AC_AFTER_HOURS";
    /** With AC_AFTER_HOURS: "callback" (a callback case was opened) or "voicemail". */
    public static final String AFTER_HOURS_ACTION = "AC_AFTER_HOURS_ACTION";
    /** With AC_AFTER_HOURS: when the queue next opens, local ISO time of the queue's zone; empty if never. */
    public static final String NEXT_OPENING = "AC_NEXT_OPENING";

    // Set by the ivr script.
    /** The digits the caller pressed in the IVR, in order (one per key, no separator; empty for none). */
    public static final String IVR_DIGITS = "AC_IVR_DIGITS";
    /** How the IVR ended: option, case, timeout, invalid or fallback (unknown menu). */
    public static final String IVR_RESULT = "AC_IVR_RESULT";
    /** The language prompts are played in, as the CHANNEL(language) function. */
    public static final String LANGUAGE = "CHANNEL(language)";

    // Read by the route script.
    /**
     * Ties the legs of one call together; stored with the routing decision. The dialplan passes it as the route
     * script's first argument; the script asks for it (GET VARIABLE) only when a dialplan does not.
     */
    public static final String LINKEDID = "CHANNEL(linkedid)";
    /** Set by Asterisk after AGI(): SUCCESS, FAILURE or HANGUP (NOTFOUND: local scripts only); read by the dialplan only. */
    public static final String AGISTATUS = "AGISTATUS";

    /** Set by the survey dialer's Originate: the survey job the answered call runs (survey?id=N). */
    public static final String SURVEY_ID = "SURVEY_ID";
    /** Set by the survey dialer's Originate: which attempt of the job the call is (survey?id=N&attempt=A). */
    public static final String SURVEY_ATTEMPT = "SURVEY_ATTEMPT";

    /**
     * Set by call controls: where a transfer goes, a queue name (extension 1 of {@code calls.transfer_context}) or an
     * agent's interface (extension 2). On the caller's channel for a blind transfer; on the agent's, inherited by the
     * consultation call, for an attended one.
     */
    public static final String TRANSFER_TO = "AC_TRANSFER_TO";
    /** Set by click-to-call's Originate: the customer's channel {@code [aftercare-outbound]} dials. */
    public static final String CUSTOMER_CHANNEL = "AC_CUSTOMER_CHANNEL";
    /** Set by click-to-call's Originate: the caller ID the customer sees ({@code calls.outbound_caller_id}). */
    public static final String OUTBOUND_CALLER_ID = "AC_OUTBOUND_CALLER_ID";
    /** Set by a supervisor's spy Originate: the agent's channel {@code [aftercare-spy]} runs ChanSpy() on. */
    public static final String SPY_CHANNEL = "AC_SPY_CHANNEL";
    /**
     * Set by a supervisor's spy Originate: the mode ChanSpy() starts in, {@code listen}, {@code whisper} or
     * {@code barge}.
     */
    public static final String SPY_MODE = "AC_SPY_MODE";

    /**
     * Set by the dialplan before the caller first joins their queue ({@code ${EPOCH}}): where their wait, and a
     * callback's place in line, counts from; passed to the vhold script as its second argument.
     */
    public static final String QUEUE_ENTERED = "AC_QUEUE_ENTERED";
    /**
     * Set by Asterisk when aftercare withdrew the caller from the queue for the callback offer (AMI
     * QueueWithdrawCaller): {@code vhold:<position>}, the place to rejoin at if they keep waiting. Read by the dialplan.
     */
    public static final String QUEUE_WITHDRAW_INFO = "QUEUE_WITHDRAW_INFO";
    /**
     * Set by the vhold script: {@code callback} (registered: confirm and hang up), {@code stay} (rejoin the queue at
     * the same place) or {@code refused} (no callback possible for this caller: rejoin too).
     */
    public static final String VHOLD_RESULT = "AC_VHOLD_RESULT";
    /** Set by the callback dialer's Originate: the queue the callback's placeholder joins. */
    public static final String CALLBACK_QUEUE = "AC_CALLBACK_QUEUE";
    /** Set by the callback dialer's Originate: the position the placeholder joins at (the caller's place in line). */
    public static final String CALLBACK_POSITION = "AC_CALLBACK_POSITION";
    /** Set by the callback dialer's Originate: the callback's id, for logs. */
    public static final String CALLBACK_ID = "AC_CALLBACK_ID";

    /**
     * The fields of {@link #ROUTE}, in order: field N is {@code CUT(AC_ROUTE,|,N)} in the dialplan. The rule name
     * is last because it is the only free text. Append new fields; never reorder (a test reads the dialplan).
     */
    public static final List<String> PACKED_BY_ROUTE = List.of(QUEUE, QUEUE_PRIO, LANGUAGE, PREFERRED_AGENT,
            PREFERRED_WAIT, CUSTOMER_ID, CASE_ID, IVR_MENU, ROUTE_STATUS, AFTER_HOURS, AFTER_HOURS_ACTION, NEXT_OPENING,
            RULE);

    /** The variables the ivr script may set, in the order it sets them. */
    public static final List<String> SET_BY_IVR = List.of(QUEUE, PREFERRED_AGENT, PREFERRED_WAIT, IVR_DIGITS,
            IVR_RESULT, AFTER_HOURS, AFTER_HOURS_ACTION, NEXT_OPENING);

    /** All documented variables (set, read and dialplan-only). */
    public static final List<String> ALL = List.of(ROUTE, QUEUE, QUEUE_PRIO, LANGUAGE, PREFERRED_AGENT, PREFERRED_WAIT,
            CUSTOMER_ID, CASE_ID, IVR_MENU, RULE, ROUTE_STATUS, AFTER_HOURS, AFTER_HOURS_ACTION, NEXT_OPENING, IVR_DIGITS,
            IVR_RESULT, LINKEDID, AGISTATUS, SURVEY_ID, SURVEY_ATTEMPT, TRANSFER_TO, CUSTOMER_CHANNEL,
            OUTBOUND_CALLER_ID, SPY_CHANNEL, SPY_MODE, QUEUE_ENTERED, QUEUE_WITHDRAW_INFO, VHOLD_RESULT, CALLBACK_QUEUE,
            CALLBACK_POSITION, CALLBACK_ID, AGI_ADDRESS);
}
