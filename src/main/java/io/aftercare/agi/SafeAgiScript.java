package io.aftercare.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every aftercare AGI script: runs {@link #run} and, when anything inside fails, still sets the fallback
 * queue so the call reaches a person. A caller hanging up ends the script quietly. Subclasses must be
 * thread-safe: one instance serves every call.
 */
public abstract class SafeAgiScript implements AgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(SafeAgiScript.class);

    private final String fallbackQueue;

    protected SafeAgiScript(String fallbackQueue) {
        this.fallbackQueue = fallbackQueue;
    }

    /** The script's work for one call. */
    protected abstract void run(AgiCall call, AgiChannel channel) throws AgiException;

    @Override
    public final void service(AgiRequest request, AgiChannel channel) {
        AgiCall call = AgiCall.of(request);
        try {
            run(call, channel);
        } catch (AgiHangupException e) {
            LOG.debug("caller hung up during {} (uniqueid {})", call.script(), call.uniqueId());
        } catch (Exception | StackOverflowError e) {
            LOG.warn("{} failed for uniqueid {}; sending to {}: {}", call.script(), call.uniqueId(), fallbackQueue,
                    e.toString());
            try {
                fallback(channel);
            } catch (AgiException | RuntimeException f) {
                LOG.debug("fallback for uniqueid {} not delivered: {}", call.uniqueId(), f.toString());
            }
        }
    }

    /** Sends the fallback queue; a script whose dialplan reads its answer differently overrides this. */
    protected void fallback(AgiChannel channel) throws AgiException {
        set(channel, DialplanVariables.QUEUE, fallbackQueue);
        set(channel, DialplanVariables.ROUTE_STATUS, "fallback");
    }

    protected final String fallbackQueue() {
        return fallbackQueue;
    }

    /** Sets a channel variable through {@link SafeSetVariable}; the only way scripts set variables. */
    protected static void set(AgiChannel channel, String name, String value) throws AgiException {
        channel.sendCommand(new SafeSetVariable(name, value));
    }
}
