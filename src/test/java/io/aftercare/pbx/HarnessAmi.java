package io.aftercare.pbx;

import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.AmiProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test harness's own AMI login on the real Asterisk (an account with every class, which aftercare's must not
 * have): places calls with Originate and keeps every event Asterisk sends, also written as received to a capture
 * file beside the run, so a test can say exactly what the PBX did. After Asterisk restarts it logs in again and
 * keeps the events of its earlier sessions. Thread-safe.
 */
final class HarnessAmi implements AutoCloseable {
    private final int port;
    private final String user;
    private final String secret;
    private final Path captureFile;
    private final List<AmiPacket> earlier = new ArrayList<>();
    private int sessions = 1;
    private volatile AmiProbe session;

    HarnessAmi(int port, String user, String secret, Path captureFile) throws IOException {
        this.port = port;
        this.user = user;
        this.secret = secret;
        this.captureFile = captureFile;
        this.session = AmiProbe.login(port, user, secret, null, "h").mirrorTo(captureFile);
    }

    /**
     * Logs in again to a restarted Asterisk; the new session's capture goes beside the first
     * ({@code harness-ami.2.log} ...).
     */
    synchronized void reconnect() throws IOException {
        AmiProbe old = session;
        old.close();
        earlier.addAll(old.events());
        sessions++;
        String name = captureFile.getFileName().toString().replaceFirst("\\.log$", "") + "." + sessions + ".log";
        session = AmiProbe.login(port, user, secret, null, "h" + sessions + "-")
                .mirrorTo(captureFile.resolveSibling(name));
    }

    /** True once Asterisk has closed the current session (it stopped or restarted). */
    boolean closedByPeer() {
        return session.closedByPeer();
    }

    /** Sends an action (an ActionID is added) and waits for its Response. */
    AmiPacket send(AmiPacket action, Duration timeout) {
        try {
            return session.send(action, timeout);
        } catch (AssertionError e) {
            throw new IllegalStateException("no answer from Asterisk to " + action.type(), e);
        }
    }

    /** Every event so far, earlier sessions' first, in the order Asterisk sent them. */
    synchronized List<AmiPacket> events() {
        List<AmiPacket> all = new ArrayList<>(earlier);
        all.addAll(session.events());
        return all;
    }

    /** The first event of the current session matching {@code test}, waiting up to {@code timeout} for it. */
    AmiPacket awaitEvent(Predicate<AmiPacket> test, Duration timeout) {
        return session.await(p -> p.isEvent() && test.test(p), timeout).orElseThrow(() ->
                new AssertionError("Asterisk sent no such event within " + timeout.toSeconds() + " s"));
    }

    @Override
    public void close() {
        session.close();
    }
}
