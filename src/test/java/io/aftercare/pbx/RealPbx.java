package io.aftercare.pbx;

import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.RestartablePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Asterisk 22 from the shared test bundle ({@code ../shared/asterisk-22/pbx}, or
 * {@code -Daftercare.test.pbx.dir}), configured from the project's own {@code dialplan/} files exactly as
 * {@code dialplan/README.md} tells an admin (only the FastAGI address, the AMI port and the secret change), plus
 * test-only contexts for callers and Local-channel agents, on free loopback ports under a run folder in
 * {@code target/}. Without the bundle the calling test is skipped, or fails when
 * {@code aftercare.test.pbx.required=true} (as {@code .ci/run} sets). Asterisk is stopped by {@link #close()} or
 * at JVM exit. Not thread-safe, except reading the queue_log and the harness's events.
 */
public final class RealPbx implements AutoCloseable {
    /** aftercare's AMI account, as {@code dialplan/manager.conf.sample} names it. */
    public static final String AMI_USER = "aftercare";
    private static final String HARNESS_USER = "pbx-test";
    private static final Duration BOOT = Duration.ofSeconds(120);

    private final Path bundle;
    private final PbxConfig config;
    private final Path runDir;
    private HarnessAmi harness;
    private Thread stopAtExit;
    private List<String> bootWarnings = List.of();

    private RealPbx(Path bundle, Path project, Path runDir) {
        this.bundle = bundle;
        this.runDir = runDir.toAbsolutePath();
        // Asterisk comes back on the same AMI port when a test restarts it
        this.config = new PbxConfig(project.resolve("dialplan"), RestartablePorts.pick(),
                "test-" + UUID.randomUUID(), HARNESS_USER, "harness-" + UUID.randomUUID());
    }

    /**
     * Finds the bundle (skipping or failing the test when there is none) and picks the AMI port; nothing runs
     * yet: give aftercare the AMI login, then {@link #start} with its FastAGI port.
     */
    public static RealPbx prepare(Path runDir) {
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return new RealPbx(bundle(project), project, runDir);
    }

    /**
     * The bundle's folder: {@code aftercare.test.pbx.dir} when set, else {@code shared/asterisk-22/pbx} beside the
     * project or beside a folder above it (a worktree nested deeper than the main checkout).
     */
    static Path bundle(Path project) {
        String configured = System.getProperty("aftercare.test.pbx.dir", "");
        Optional<Path> found;
        String where;
        if (!configured.isBlank()) {
            found = Optional.of(Path.of(configured).toAbsolutePath()).filter(RealPbx::isBundle);
            where = configured;
        } else {
            found = Stream.iterate(project.getParent(), p -> p != null, Path::getParent)
                    .map(p -> p.resolve("shared/asterisk-22/pbx")).filter(RealPbx::isBundle).findFirst();
            where = project.resolveSibling("shared/asterisk-22/pbx") + " (or shared/asterisk-22/pbx above it)";
        }
        if (found.isPresent()) {
            return found.get();
        }
        String why = "no Asterisk test bundle (start-asterisk, asterisk-cli, stop-asterisk) at " + where
                + "; point -Daftercare.test.pbx.dir at one";
        if (Boolean.getBoolean("aftercare.test.pbx.required")) {
            Assertions.fail("aftercare.test.pbx.required is set but there is " + why);
        }
        Assumptions.abort("real-PBX acceptance tests skipped: " + why);
        throw new AssertionError("unreachable");
    }

    private static boolean isBundle(Path dir) {
        return Files.isExecutable(dir.resolve("start-asterisk")) && Files.isExecutable(dir.resolve("asterisk-cli"))
                && Files.isExecutable(dir.resolve("stop-asterisk"));
    }

    public int amiPort() {
        return config.amiPort();
    }

    public String amiSecret() {
        return config.amiSecret();
    }

    public Path runDir() {
        return runDir;
    }

    /** The harness's AMI account (every class), for tests that open sessions of their own beside aftercare's. */
    String harnessUser() {
        return config.harnessUser();
    }

    String harnessSecret() {
        return config.harnessSecret();
    }

    /**
     * Writes the configuration with FastAGI at {@code 127.0.0.1:agiPort}, starts Asterisk (about 2-6 s), copies the
     * prompts into its sounds folder and logs the harness in.
     */
    public void start(int agiPort) {
        try {
            clearRunDir();
            Path conf = runDir.resolve("conf");
            Files.createDirectories(conf);
            config.write(conf, agiPort);
            Process boot = new ProcessBuilder(bundle.resolve("start-asterisk").toString(), runDir.toString(),
                    conf.toString()).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("start-asterisk.log").toFile()).start();
            stopAtExit = Thread.ofPlatform().unstarted(this::stop);
            Runtime.getRuntime().addShutdownHook(stopAtExit);
            if (!boot.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS)) {
                boot.destroyForcibly();
                Assertions.fail("Asterisk did not boot within " + BOOT.toSeconds() + " s; see " + runDir);
            }
            if (boot.exitValue() != 0) {
                Assertions.fail("start-asterisk failed (" + boot.exitValue() + "): "
                        + Files.readString(runDir.resolve("start-asterisk.log")));
            }
            bootWarnings = warnings();
            config.copyPrompts(runDir.resolve("data/sounds"));
            harness = new HarnessAmi(config.amiPort(), HARNESS_USER, config.harnessSecret(),
                    runDir.resolve("harness-ami.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything but the unpacked binary ({@code inst/}, unpacked once) goes: logs and state start empty. */
    private void clearRunDir() throws IOException {
        Files.createDirectories(runDir);
        try (Stream<Path> top = Files.list(runDir)) {
            for (Path p : top.filter(p -> !p.getFileName().toString().equals("inst")).toList()) {
                deleteTree(p);
            }
        }
    }

    /**
     * Restarts Asterisk as an admin would with {@code core restart now}: it hangs up every call, then the same process
     * starts afresh on the same configuration (dynamic queue members are gone: the shipped {@code queues.conf.sample}
     * says {@code persistentmembers = no}). Waits until it has booted and logs the harness in again; the logs, the
     * queue_log and the harness's earlier events stay.
     */
    public void restart() {
        again(deadline -> {
            Process p = new ProcessBuilder(bundle.resolve("asterisk-cli").toString(), runDir.toString(),
                    "core restart now").redirectErrorStream(true).redirectOutput(runDir.resolve("restart.log").toFile())
                    .start();
            p.waitFor(30, TimeUnit.SECONDS); // its console is cut as Asterisk goes: the exit status says nothing
        }, deadline -> {
            while (true) {
                Process booted = new ProcessBuilder(bundle.resolve("asterisk-cli").toString(), runDir.toString(),
                        "core waitfullybooted").redirectErrorStream(true).start();
                booted.getInputStream().readAllBytes();
                if (booted.waitFor(30, TimeUnit.SECONDS) && booted.exitValue() == 0) {
                    return;
                }
                waitOrFail(deadline, "Asterisk did not boot again after its restart");
            }
        });
    }

    /**
     * Kills Asterisk (SIGKILL, as a crash would: it says nothing more on AMI) and starts it again on the same
     * configuration, as a service manager restarting it would; waits until it has booted and logs the harness in
     * again. The logs, the queue_log and the harness's earlier events stay.
     */
    public void killAndStartAgain() {
        again(deadline -> {
            long pid = Long.parseLong(Files.readString(runDir.resolve("asterisk.pid")).trim());
            ProcessHandle asterisk = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "no Asterisk running as pid " + pid));
            asterisk.destroyForcibly();
            asterisk.onExit().get(30, TimeUnit.SECONDS);
        }, deadline -> {
            Path log = runDir.resolve("start-asterisk.2.log");
            Process boot = new ProcessBuilder(bundle.resolve("start-asterisk").toString(), runDir.toString(),
                    runDir.resolve("conf").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!boot.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS) || boot.exitValue() != 0) {
                Assertions.fail("start-asterisk failed after the kill; see " + log);
            }
        });
    }

    /** A step of bringing Asterisk down or up again; {@code deadline} is a {@link System#nanoTime} value. */
    @FunctionalInterface
    private interface Step {
        void run(long deadline) throws IOException, InterruptedException, ExecutionException, TimeoutException;
    }

    /** Brings Asterisk {@code down}, waits until its AMI has closed the harness's session, brings it {@code up}. */
    private void again(Step down, Step up) {
        try {
            long deadline = System.nanoTime() + BOOT.toNanos();
            down.run(deadline);
            while (!harness.closedByPeer()) {
                waitOrFail(deadline, "Asterisk did not go down");
            }
            up.run(deadline);
            harness.reconnect();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Asterisk did not die", e);
        }
    }

    private void waitOrFail(long deadline, String why) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            Assertions.fail(why + " within " + BOOT.toSeconds() + " s; see " + runDir);
        }
        Thread.sleep(200);
    }

    /** Runs one CLI command ({@code asterisk -rx}) and returns its output. */
    public String cli(String command) {
        try {
            Process p = new ProcessBuilder(bundle.resolve("asterisk-cli").toString(), runDir.toString(), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("asterisk-cli '" + command + "' failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sets an agent's phone state, as a SIP phone's registration and calls would: NOT_INUSE, INUSE, UNAVAILABLE. */
    public void deviceState(int agent, String state) {
        cli("devstate change Custom:agent" + agent + " " + state);
    }

    /** Asterisk's own queue_log, every line so far. */
    public List<QueueLogEntry> queueLog() {
        Path file = runDir.resolve("log/queue_log");
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                    .map(QueueLogEntry::parse).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WARNING and ERROR lines Asterisk logged while loading the configuration. */
    public List<String> bootWarnings() {
        return bootWarnings;
    }

    /** Asterisk's WARNING and ERROR log lines so far, oldest first: compare before and after a call. */
    public List<String> warnings() {
        Path file = runDir.resolve("log/messages");
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream()
                    .filter(l -> l.matches("\\[[^]]*] (WARNING|ERROR)\\[.*")).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The queue_log lines of one call: those whose call id is one of its channels (every leg shares the Linkedid). */
    public List<QueueLogEntry> queueLog(String linkedId) {
        Set<String> channels = Set.copyOf(channelsOf(linkedId));
        return queueLog().stream().filter(e -> channels.contains(e.callId())).toList();
    }

    /** Uniqueids of every channel Asterisk created for the call, in order. */
    public List<String> channelsOf(String linkedId) {
        return harness.events().stream().filter(e -> e.type().equals("Newchannel")
                && e.getOrEmpty("Linkedid").equals(linkedId)).map(e -> e.getOrEmpty("Uniqueid")).toList();
    }

    /** Every AMI event so far, as the harness's all-classes login received them. */
    public List<AmiPacket> events() {
        return harness.events();
    }

    /** Every AMI event of the call, as the harness's all-classes login received it. */
    public List<AmiPacket> events(String linkedId) {
        return harness.events().stream().filter(e -> e.getOrEmpty("Linkedid").equals(linkedId)).toList();
    }

    /**
     * Places an inbound call with AMI Originate ({@code Local/HOTLINE@inbound-test}, the caller's end in
     * {@code [caller-test]}) and returns its Linkedid once aftercare's dialplan has answered it.
     */
    public String originate(Caller caller) {
        List<String> headers = new ArrayList<>(List.of("Action", "Originate",
                "Channel", "Local/" + caller.hotline() + "@inbound-test", "Context", "caller-test",
                "Exten", caller.exten(), "Priority", "1", "CallerID", caller.callerId(), "Async", "true",
                "Timeout", "15000"));
        caller.variables().forEach((k, v) -> headers.addAll(List.of("Variable", k + "=" + v)));
        AmiPacket queued = harness.send(AmiPacket.of(headers.toArray(String[]::new)), Duration.ofSeconds(10));
        if (!"Success".equals(queued.type())) {
            throw new IllegalStateException("Originate refused: " + queued.getOrEmpty("Message"));
        }
        String actionId = queued.getOrEmpty("ActionID");
        AmiPacket result = harness.awaitEvent(e -> e.type().equals("OriginateResponse")
                && e.getOrEmpty("ActionID").equals(actionId), Duration.ofSeconds(20));
        if (!"Success".equals(result.getOrEmpty("Response"))) {
            throw new IllegalStateException("the call was not answered: " + result.headers());
        }
        return result.getOrEmpty("Uniqueid"); // the ;1 end is the call's first channel: its Uniqueid is the Linkedid
    }

    /** Sends an AMI action as the harness (all classes) and returns Asterisk's response. */
    public AmiPacket action(String... headers) {
        return harness.send(AmiPacket.of(headers), Duration.ofSeconds(10));
    }

    /**
     * {@code digits} arrive on {@code channel} as if its phone pressed them (AMI {@code PlayDTMF} with {@code Receive}),
     * so a bridge's DTMF features see them: {@code *2} completes an attended transfer, {@code *1} gives it up.
     */
    public void pressOn(String channel, String digits) {
        for (char digit : digits.toCharArray()) {
            AmiPacket r = action("Action", "PlayDTMF", "Channel", channel, "Digit", String.valueOf(digit),
                    "Receive", "true");
            if (!"Success".equals(r.type())) {
                throw new IllegalStateException("PlayDTMF refused: " + r.headers());
            }
        }
    }

    /** The PBX's time ({@code Timestamp}) of the call's first event of {@code type}, in epoch milliseconds. */
    public long timeOf(String linkedId, String type) {
        return millisOf(events(linkedId).stream().filter(p -> p.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type + " in call " + linkedId)));
    }

    /**
     * The {@code TalkTime} of {@code iface}'s {@code AgentComplete} in the call, as aftercare can know it; null when
     * Asterisk sent none naming the call: app_queue sends it as the agent's leg ends, and when the caller's channel is
     * already gone by then (the dialplan hangs up at once after {@code Queue()}) it comes without the caller's
     * channel, Uniqueid and Linkedid, so no call can claim it (queue_log's COMPLETE line has the talk time all the same).
     */
    public Long talkTimeSent(String linkedId, String iface) {
        return events(linkedId).stream().filter(e -> e.type().equals("AgentComplete")
                && e.getOrEmpty("Interface").equals(iface)).map(e -> Long.valueOf(e.getOrEmpty("TalkTime")))
                .findFirst().orElse(null);
    }

    /** An event's {@code Timestamp} in epoch milliseconds, as aftercare stores the times it takes from it. */
    public static long millisOf(AmiPacket event) {
        return new BigDecimal(event.getOrEmpty("Timestamp")).movePointRight(3).longValue();
    }

    /** The name of the call's channel whose name starts with {@code prefix} and ends with {@code suffix}. */
    public String channel(String linkedId, String prefix, String suffix) {
        return events(linkedId).stream().filter(e -> e.type().equals("Newchannel"))
                .map(e -> e.getOrEmpty("Channel")).filter(c -> c.startsWith(prefix) && c.endsWith(suffix))
                .findFirst().orElseThrow(() -> new IllegalStateException("no channel " + prefix + "..." + suffix
                        + " in call " + linkedId));
    }

    /** Stops Asterisk; the run folder (logs, queue_log, the harness's AMI capture) stays for reading. */
    @Override
    public void close() {
        if (stopAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException shuttingDown) {
                return; // the hook is stopping it
            }
        }
        stop();
    }

    private void stop() {
        if (harness != null) {
            harness.close();
        }
        try {
            Process p = new ProcessBuilder(bundle.resolve("stop-asterisk").toString(), runDir.toString())
                    .redirectErrorStream(true).redirectOutput(runDir.resolve("stop-asterisk.log").toFile()).start();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("could not stop Asterisk in " + runDir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }


}
