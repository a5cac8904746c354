package io.aftercare.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The whole validated configuration, loaded once at startup by {@link ConfigLoader}. Immutable. */
public record AftercareConfig(Http http, Agi agi, Ami ami, Calls calls, Db db, Auth auth, Phone phone, Demo demo,
                              Surveys surveys, Wallboard wallboard, FollowUps followUps) {

    public AftercareConfig {
        Objects.requireNonNull(http);
        Objects.requireNonNull(agi);
        Objects.requireNonNull(ami);
        Objects.requireNonNull(calls);
        Objects.requireNonNull(db);
        Objects.requireNonNull(auth);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(demo);
        Objects.requireNonNull(surveys);
        Objects.requireNonNull(wallboard);
        Objects.requireNonNull(followUps);
    }

    /**
     * REST API, console and wallboard listener: a connection silent for {@code idleTimeout} is closed, a request must arrive whole (headers
     * and body) within {@code requestTimeout} of its connection being opened or of the previous response, and at
     * most {@code maxConnections} are open at once.
     */
    public record Http(String bind, int port, int maxBodyBytes, Duration idleTimeout, Duration requestTimeout,
                       int maxConnections) {}

    /** FastAGI server and routing settings; {@code timeZone} is where rules' time-of-day windows are read. */
    public record Agi(String bind, int port, int maxSessions, Duration readTimeout, Duration routeBudget,
                      String fallbackQueue, java.time.ZoneId timeZone, int lookupThreads, Directory directory) {
        public Agi withRouteBudget(Duration budget) {
            return new Agi(bind, port, maxSessions, readTimeout, budget, fallbackQueue, timeZone, lookupThreads,
                    directory);
        }

        public Agi withDirectory(Directory d) {
            return new Agi(bind, port, maxSessions, readTimeout, routeBudget, fallbackQueue, timeZone, lookupThreads, d);
        }
    }

    /**
     * The route's in-memory caller directory ({@code agi.directory_*}): on or off, how often it reads the change
     * journal and how often it reloads everyone.
     */
    public record Directory(boolean enabled, Duration poll, Duration reload) {}

    /**
     * AMI connection; {@link #configured()} is false when no Asterisk is attached. {@code more} lists further
     * PBXs (same reconnect and ping settings), each with its own id keying its records.
     */
    public record Ami(String pbxId, String host, int port, String user, String secret,
                      Duration reconnectInitial, Duration reconnectMax, Duration pingInterval, List<Pbx> more,
                      Duration reconcileInterval) {
        public Ami {
            more = List.copyOf(more);
        }

        /** One PBX only, its channels checked every minute. */
        public Ami(String pbxId, String host, int port, String user, String secret, Duration reconnectInitial,
                   Duration reconnectMax, Duration pingInterval) {
            this(pbxId, host, port, user, secret, reconnectInitial, reconnectMax, pingInterval, List.of(),
                    Duration.ofMinutes(1));
        }

        public boolean configured() {
            return !host.isBlank();
        }

        public Ami withMore(List<Pbx> pbxs) {
            return new Ami(pbxId, host, port, user, secret, reconnectInitial, reconnectMax, pingInterval, pbxs,
                    reconcileInterval);
        }

        /** The same, with the channel list checked every {@code interval} (zero: only after each login). */
        public Ami withReconcileInterval(Duration interval) {
            return new Ami(pbxId, host, port, user, secret, reconnectInitial, reconnectMax, pingInterval, more,
                    interval);
        }

        @Override
        public String toString() { // never print the secret
            return "Ami[pbxId=" + pbxId + ", host=" + host + ", port=" + port + ", user=" + user + ", more=" + more
                    + "]";
        }
    }

    /** How hold reaches the agent's phone ({@code calls.hold_method}). */
    public enum HoldMethod {
        /** A SIP NOTIFY in the call's dialog (AMI PJSIPNotify, {@code Event: hold} / {@code Event: talk}). */
        NOTIFY,
        /** Refused: agents hold from their phone. */
        NONE
    }

    /**
     * Call controls ({@code calls.*}): how hold is done, where transfers go and how long a consultation may take to
     * start, and what click-to-call rings and dials.
     */
    public record Calls(HoldMethod holdMethod, String transferContext, Duration consultWait, String outboundContext,
                        String customerChannelTemplate, String outboundCallerId, Duration agentRingTimeout) {
        public Calls {
            Objects.requireNonNull(holdMethod);
            Objects.requireNonNull(transferContext);
            Objects.requireNonNull(outboundContext);
            Objects.requireNonNull(customerChannelTemplate);
            Objects.requireNonNull(outboundCallerId);
        }

        public Calls withCustomerChannelTemplate(String template) {
            return new Calls(holdMethod, transferContext, consultWait, outboundContext, template, outboundCallerId,
                    agentRingTimeout);
        }

        public Calls withHoldMethod(HoldMethod method) {
            return new Calls(method, transferContext, consultWait, outboundContext, customerChannelTemplate,
                    outboundCallerId, agentRingTimeout);
        }
    }

    /** A further PBX's AMI login, from {@code ami.more_pbxs}. */
    public record Pbx(String id, String host, int port, String user, String secret) {
        @Override
        public String toString() { // never print the secret
            return id + "=" + user + "@" + host + ":" + port;
        }
    }

    /** Database URL and pool settings. */
    public record Db(String url, String user, String password, int poolSize, Duration busyTimeout) {
        public boolean isSqlite() {
            return url.startsWith("jdbc:sqlite:");
        }

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        public Db withUrl(String newUrl) {
            return new Db(newUrl, user, password, poolSize, busyTimeout);
        }

        @Override
        public String toString() {
            return "Db[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /** Sign-in, sessions and the first admin account. */
    public record Auth(Duration sessionTtl, int bcryptCost, String adminPassword, Duration loginWindow,
                       int maxFailuresPerUser, int maxFailuresPerAddress) {
        public Auth withBcryptCost(int cost) {
            return new Auth(sessionTtl, cost, adminPassword, loginWindow, maxFailuresPerUser, maxFailuresPerAddress);
        }

        @Override
        public String toString() {
            return "Auth[sessionTtl=" + sessionTtl + ", bcryptCost=" + bcryptCost + "]";
        }
    }

    /** Phone number parsing. */
    public record Phone(String defaultRegion) {}

    /**
     * The `demo` command's generated world and simulated traffic: calls an hour of PBX time, and how many times
     * faster than the wall clock the simulated PBX and its agents run.
     */
    public record Demo(int customers, long seed, int callsPerHour, int speed, Path dbPath) {}

    /**
     * The outbound survey dialer: what it dials and how (channel template, caller ID, dialplan context), its
     * pace, retries and calling windows (raw rule text, parsed by the surveys feature).
     */
    public record Surveys(boolean enabled, String channelTemplate, String hotlineCallerId, String context,
                         String exten, int maxConcurrent, int callsPerSecond, Duration ringTimeout,
                         Duration responseGrace, Duration surveyMax, int maxAttempts, Duration retryBackoff,
                         Duration validity, Duration minGap, Duration aftersalesDelay, Duration tick, int batchSize,
                         String windowDefault, String windowCountries, String holidays, java.time.ZoneId unknownZone,
                         String languages, String supervisorQueue) {
        public Surveys {
            if (ringTimeout.toMillis() < 15_000) {
                throw new IllegalArgumentException("surveys.ring_timeout_ms must be at least 15000");
            }
        }

        public Surveys withEnabled(boolean on) {
            return new Surveys(on, channelTemplate, hotlineCallerId, context, exten, maxConcurrent, callsPerSecond,
                    ringTimeout, responseGrace, surveyMax, maxAttempts, retryBackoff, validity, minGap,
                    aftersalesDelay, tick, batchSize, windowDefault, windowCountries, holidays, unknownZone, languages,
                    supervisorQueue);
        }

        /** The same with another after-sales delay (the demo shortens it to see surveys within minutes). */
        public Surveys withAftersalesDelay(Duration delay) {
            return new Surveys(enabled, channelTemplate, hotlineCallerId, context, exten, maxConcurrent,
                    callsPerSecond, ringTimeout, responseGrace, surveyMax, maxAttempts, retryBackoff, validity, minGap,
                    delay, tick, batchSize, windowDefault, windowCountries, holidays, unknownZone, languages,
                    supervisorQueue);
        }
    }

    /**
     * The wallboard: how long a pause may last per reason (lower-case reason to limit) before it shows amber, the
     * limit of any other reason or none, and how long after the limit it turns red.
     */
    public record Wallboard(Map<String, Duration> pauseLimits, Duration pauseLimitOther, Duration pauseGrace) {
        public Wallboard {
            pauseLimits = Map.copyOf(pauseLimits);
        }
    }

    /**
     * Voicemails and abandons that become follow-up tasks: the after-sales mailbox ({@code box@context}, as AMI
     * MessageWaiting names it) and its spool folder, where Asterisk writes {@code INBOX/msgNNNN.txt} and the audio
     * (empty: voicemails are not read); how far around a message's time the call that left it is looked for; how
     * often automatic callbacks the policies asked for are handed on.
     */
    public record FollowUps(String mailbox, String voicemailSpool, Duration contactWindow, Duration callbackRetry) {
        public FollowUps {
            Objects.requireNonNull(mailbox);
            Objects.requireNonNull(voicemailSpool);
            Objects.requireNonNull(contactWindow);
            Objects.requireNonNull(callbackRetry);
        }
    }

    public AftercareConfig withFollowUps(FollowUps newFollowUps) {
        return new AftercareConfig(http, agi, ami, calls, db, auth, phone, demo, surveys, wallboard, newFollowUps);
    }

    public AftercareConfig withCalls(Calls newCalls) {
        return new AftercareConfig(http, agi, ami, newCalls, db, auth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withSurveys(Surveys newSurveys) {
        return new AftercareConfig(http, agi, ami, calls, db, auth, phone, demo, newSurveys, wallboard, followUps);
    }

    public AftercareConfig withDb(Db newDb) {
        return new AftercareConfig(http, agi, ami, calls, newDb, auth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withAmi(Ami newAmi) {
        return new AftercareConfig(http, agi, newAmi, calls, db, auth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withAuth(Auth newAuth) {
        return new AftercareConfig(http, agi, ami, calls, db, newAuth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withHttpPort(int port) {
        return new AftercareConfig(new Http(http.bind(), port, http.maxBodyBytes(), http.idleTimeout(),
                http.requestTimeout(), http.maxConnections()), agi, ami, calls, db, auth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withHttp(Http newHttp) {
        return new AftercareConfig(newHttp, agi, ami, calls, db, auth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withAgi(Agi newAgi) {
        return new AftercareConfig(http, newAgi, ami, calls, db, auth, phone, demo, surveys, wallboard, followUps);
    }

    public AftercareConfig withAgiPort(int port) {
        return new AftercareConfig(http, new Agi(agi.bind(), port, agi.maxSessions(), agi.readTimeout(),
                agi.routeBudget(), agi.fallbackQueue(), agi.timeZone(), agi.lookupThreads(), agi.directory()), ami, calls, db, auth, phone, demo, surveys, wallboard, followUps);
    }
}
