package io.aftercare.pbx;

import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.AmiProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test harness's own AMI login on the real Asterisk (an account with every class, which aftercare's must not
 * have): places calls with Originate and keeps every event Asterisk sends, also written as received to a capture
 * file beside the run, so a test can say exactly what the PBX did. Thread-safe.
 */
final class HarnessAmi implements AutoCloseable {
    private final AmiProbe session;

    HarnessAmi(int port, String user, String secret, Path captureFile) throws IOException {
        this.session = AmiProbe.login(port, user, secret, null, "h").mirrorTo(captureFile);
    }

    /** Sends an action (an ActionID is added) and waits for its Response. */
    AmiPacket send(AmiPacket action, Duration timeout) {
        try {
            return session.send(action, timeout);
        } catch (AssertionError e) {
            throw new IllegalStateException("no answer from Asterisk to " + action.type(), e);
        }
    }

    /** Every event so far, in the order Asterisk sent them. */
    List<AmiPacket> events() {
        return session.events();
    }

    /** The first event matching {@code test}, waiting up to {@code timeout} for it. */
    AmiPacket awaitEvent(Predicate<AmiPacket> test, Duration timeout) {
        return session.await(p -> p.isEvent() && test.test(p), timeout).orElseThrow(() ->
                new AssertionError("Asterisk sent no such event within " + timeout.toSeconds() + " s"));
    }

    @Override
    public void close() {
        session.close();
    }
}
