package io.aftercare.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code BlindTransfer} (main/manager.c, Asterisk 12 and later), which asterisk-java 3.42 lacks: sends the party
 * bridged with {@code Channel} to {@code Exten@Context}. Public only because asterisk-java reads its getters by
 * reflection. Not thread-safe (a bean, built and sent once).
 */
public final class BlindTransferAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    private final String channel;
    private final String context;
    private final String exten;

    BlindTransferAction(String channel, String context, String exten) {
        this.channel = channel;
        this.context = context;
        this.exten = exten;
    }

    @Override
    public String getAction() {
        return "BlindTransfer";
    }

    public String getChannel() {
        return channel;
    }

    public String getContext() {
        return context;
    }

    public String getExten() {
        return exten;
    }
}
