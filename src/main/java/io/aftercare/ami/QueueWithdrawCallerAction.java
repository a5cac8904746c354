package io.aftercare.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code QueueWithdrawCaller} (app_queue, Asterisk 16.25, 18.11, 19.3 and later), which asterisk-java 3.42 lacks:
 * takes {@code Caller} (a channel name) out of {@code Queue} back to the dialplan, where {@code QUEUESTATUS} is
 * {@code WITHDRAW} and {@code QUEUE_WITHDRAW_INFO} holds {@code WithdrawInfo}. app_queue sends QueueCallerAbandon
 * and QueueCallerLeave for it (src/test/resources/pbx-captures/virtual-hold.txt). Public only because asterisk-java
 * reads its getters by reflection. Not thread-safe (a bean, built and sent once).
 */
public final class QueueWithdrawCallerAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    private final String queue;
    private final String caller;
    private final String withdrawInfo;

    QueueWithdrawCallerAction(String queue, String caller, String withdrawInfo) {
        this.queue = queue;
        this.caller = caller;
        this.withdrawInfo = withdrawInfo;
    }

    @Override
    public String getAction() {
        return "QueueWithdrawCaller";
    }

    public String getQueue() {
        return queue;
    }

    public String getCaller() {
        return caller;
    }

    public String getWithdrawInfo() {
        return withdrawInfo;
    }
}
