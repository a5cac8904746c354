package io.aftercare.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code CancelAtxfer} (main/manager.c, Asterisk 13.18 and later), which asterisk-java 3.42 lacks: plays the
 * features.conf {@code atxferabort} code on {@code Channel}, ending the attended transfer it started. Public only
 * because asterisk-java reads its getters by reflection. Not thread-safe (a bean, built and sent once).
 */
public final class CancelAtxferAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    private final String channel;

    CancelAtxferAction(String channel) {
        this.channel = channel;
    }

    @Override
    public String getAction() {
        return "CancelAtxfer";
    }

    public String getChannel() {
        return channel;
    }
}
