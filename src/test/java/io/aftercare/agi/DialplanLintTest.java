package io.aftercare.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads {@code dialplan/} the way Asterisk 20/22 would load it (pbx_config for the dialplan, app_queue for
 * queues.conf, manager.c for manager.conf) and fails on what would log a warning or misroute a call there. No
 * Asterisk runs: this is a static lint, see "What it cannot check" in {@code dialplan/README.md}.
 *
 * <p>Rules and where they come from (asterisk/asterisk sources and docs.asterisk.org):
 * <ul>
 * <li>pattern letters: main/pbx.c {@code ext_cmp_pattern_pos()} reads {@code n/N} as 2-9, {@code x/X} as 0-9,
 * {@code z/Z} as 1-9, {@code .} one or more of anything, {@code !} zero or more, {@code [..]} a set, ignores
 * {@code -}, and takes every other character literally; so {@code _agent.} does not match {@code agent3};</li>
 * <li>{@code Queue()}: docs.asterisk.org Latest_API (22) Queue is
 * {@code Queue(queuename,options,URL,announceoverride,timeout,AGI,gosub,rule,position)}; Asterisk 20's has
 * {@code macro} between AGI and gosub, so only the first six arguments mean the same on both;</li>
 * <li>QUEUE_PRIO: apps/app_queue.c reads it with {@code sscanf("%d")} and logs
 * {@code WARNING ${QUEUE_PRIO}: Invalid value} when that fails, as it does for an empty string;</li>
 * <li>Dial timeout: apps/app_dial.c takes {@code atoi(timeout)} and for a value that is not above 0 logs
 * {@code WARNING Invalid timeout specified ... Setting timeout to infinite} (read in older app_dial.c and
 * app_queue.c sources than 22's; the 22 Dial docs still say that without a timeout Dial waits indefinitely);</li>
 * <li>pbx_config.c warns "No closing parenthesis found?" for {@code App(args} (what a ';' inside the arguments
 * leaves, config.c reading it as a comment) and warns about the catch-all patterns {@code _.} and {@code _!};</li>
 * <li>AMI classes: app_queue.c sends QueueCaller*, Agent* and QueueMember* events with EVENT_FLAG_AGENT; the write
 * classes per action are the ones manager.conf.sample documents (not re-read in manager.c here).</li>
 * </ul>
 */
class DialplanLintTest {
    private static final Path DIR = Path.of("dialplan");
    private static final String EXTENSIONS = "extensions_aftercare.conf";
    private static final String QUEUES = "queues.conf.sample";
    private static final String MANAGER = "manager.conf.sample";

    // ---- the shipped files --------------------------------------------------------------------------------

    @Test
    void everyLineIsAStatementPbxConfigReads() throws IOException {
        assertThat(dialplan().problems(Kind.SYNTAX)).as(EXTENSIONS).isEmpty();
    }

    @Test
    void sameOnlyFollowsAnExten() throws IOException {
        assertThat(dialplan().problems(Kind.SAME)).as(EXTENSIONS).isEmpty();
    }

    @Test
    void prioritiesStartAtOne() throws IOException {
        assertThat(dialplan().problems(Kind.PRIORITY)).as(EXTENSIONS).isEmpty();
    }

    @Test
    void labelsAreUniquePerExtension() throws IOException {
        assertThat(Lint.labelProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void patternsUseDigitClassesOnlyWhereMeant() throws IOException {
        assertThat(Lint.patternProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void applicationsAreStandard() throws IOException {
        assertThat(Lint.applicationProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void functionsAreStandard() throws IOException {
        assertThat(Lint.functionProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void variablesExpressionsParenthesesAndQuotesAreBalanced() throws IOException {
        assertThat(Lint.balanceProblems(EXTENSIONS, read(EXTENSIONS))).as(EXTENSIONS).isEmpty();
    }

    @Test
    void execIfAndGotoIfHaveAValidBranch() throws IOException {
        assertThat(Lint.conditionalProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void everyGotoTargetExists() throws IOException {
        assertThat(Lint.gotoProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void agiUrlsNameARegisteredScript() throws IOException {
        Set<String> scripts = registeredScripts();
        assertThat(scripts).as("scripts registered in App.java").contains("route", "ivr", "survey");
        assertThat(Lint.agiProblems(dialplan(), scripts)).as(EXTENSIONS).isEmpty();
    }

    @Test
    void queueIsCalledWithTheArgumentOrderOfAsterisk22() throws IOException {
        assertThat(Lint.queueAppProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void queuePrioIsNeverSetEmpty() throws IOException {
        assertThat(Lint.queuePrioProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void dialNeverGetsAZeroTimeout() throws IOException {
        assertThat(Lint.dialTimeoutProblems(dialplan())).as(EXTENSIONS).isEmpty();
    }

    @Test
    void queuesConfHasOnlySectionsAndKeysAppQueueKnows() throws IOException {
        assertThat(Lint.queuesConfProblems(QUEUES, read(QUEUES))).as(QUEUES).isEmpty();
    }

    @Test
    void everyQueueAftercareMayRouteToExists() throws IOException {
        Set<String> wanted = queuesAftercareUses();
        assertThat(wanted).as("queue names found in sql/, demo data, reference.yaml and the dialplan")
                .contains("general-support", "vip", "repairs", "returns", "technical", "onboarding", "supervisors");
        assertThat(Lint.missingQueues(QUEUES, read(QUEUES), wanted)).as(QUEUES).isEmpty();
    }

    @Test
    void managerAccountHasLeastPrivilege() throws IOException {
        assertThat(Lint.managerPrivilegeProblems(MANAGER, read(MANAGER))).as(MANAGER).isEmpty();
    }

    @Test
    void managerListensAndAcceptsOnPrivateAddressesOnly() throws IOException {
        assertThat(Lint.managerAddressProblems(MANAGER, read(MANAGER))).as(MANAGER).isEmpty();
    }

    // ---- the lint itself, on small broken inputs ----------------------------------------------------------

    @Test
    void patternLettersMatchDigitsInAnyCase() {
        assertThat(Lint.matches("_agent.", "agent3")).isFalse(); // n is 2-9, not the letter n
        assertThat(Lint.matches("_agent.", "age5t3")).isTrue();
        assertThat(Lint.matches("_X.", "1800")).isTrue();
        assertThat(Lint.matches("_X.", "+1800")).isFalse();
        assertThat(Lint.matches("_+X.", "+1800")).isTrue();
        assertThat(Lint.matches("_x.", "5")).isFalse(); // '.' needs one more character
        assertThat(Lint.matches("_NXX-XXXX", "2125550")).isTrue();
        assertThat(Lint.matches("_NXX", "123")).isFalse();
        assertThat(Lint.matches("_z[1-3]!", "93")).isTrue();
        assertThat(Lint.matches("1800", "1800")).isTrue();
    }

    @Test
    void patternsWithLettersMeantLiterallyAreFlagged() {
        Dialplan dp = Lint.parse("t.conf", """
                [agents]
                exten => _agent.,1,Answer()
                exten => _NXXNXXXXXX,1,Answer()
                exten => 1XXX,1,Answer()
                exten => _X.5,1,Answer()
                exten => agent3,1,Answer()
                exten => _.,1,Answer()
                """);
        assertThat(Lint.patternProblems(dp)).hasSize(4).anySatisfy(p -> assertThat(p)
                        .startsWith("t.conf:2:").contains("'_agent.'", "a, g, e, t", "'n' matches one digit 2-9"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:4:").contains("leading _"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:5:").contains("'5' after it is never compared"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:7:").contains("pbx_config warns"));
    }

    @Test
    void brokenStructureIsFlagged() {
        Dialplan dp = Lint.parse("t.conf", """
                 same => n,NoOp(orphan)
                [a]
                exten => s,2,NoOp(starts at 2)
                exten => t,n,NoOp(starts at next)
                exten => u,1,NoOp(one)
                 same => n(x),NoOp(x)
                 same => n(x),NoOp(x again)
                exten = > v,1,NoOp(typo)
                exten => w,1,Set(A=1
                exten => y,1,NoOp(closed; opens at 8)
                """);
        assertThat(dp.problems(Kind.SAME)).singleElement().asString().startsWith("t.conf:1:");
        assertThat(dp.problems(Kind.PRIORITY)).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("t.conf:3:"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:4:"));
        assertThat(dp.problems(Kind.SYNTAX)).hasSize(3).anySatisfy(p -> assertThat(p).startsWith("t.conf:8:"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:9:").doesNotContain("comment"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:10:").contains("NoOp(closed", "comment"));
        assertThat(Lint.labelProblems(dp)).singleElement().asString().startsWith("t.conf:7:").contains("'x'");
    }

    @Test
    void brokenCallsAreFlagged() {
        String text = """
                [a]
                exten => s,1,Macro(old)
                 same => n,Set(X=${SHELL(id)})
                 same => n,NoOp(${CUT(A,|,1})
                 same => n,ExecIf($["${X}" = "1"]Set(Y=1))
                 same => n,ExecIf($["${X}" = "1"]?System(rm -rf /))
                 same => n,GotoIf($["${X}" = "1"]?)
                 same => n,NoOp("odd quote)
                 same => n,Set(Z=$[${X} + 1)
                """;
        Dialplan dp = Lint.parse("t.conf", text);
        assertThat(Lint.applicationProblems(dp)).singleElement().asString().startsWith("t.conf:2:").contains("Macro");
        assertThat(Lint.functionProblems(dp)).singleElement().asString().startsWith("t.conf:3:").contains("SHELL");
        assertThat(Lint.balanceProblems("t.conf", text)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("t.conf:4:", "t.conf:8:", "t.conf:9:");
        assertThat(Lint.conditionalProblems(dp)).hasSize(3).anySatisfy(p -> assertThat(p).startsWith("t.conf:5:"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:6:").contains("System"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:7:"));
    }

    @Test
    void missingGotoTargetsAreFlagged() {
        Dialplan dp = Lint.parse("t.conf", """
                [a]
                exten => s,1,Goto(b,s,1)
                 same => n,GotoIf($[1]?nolabel:done)
                 same => n(done),Goto(agents,agent3,1)
                 same => n,Goto(a,s,9)
                 same => n,Goto(agents,age5t3,1)
                [agents]
                exten => _agent.,1,Answer()
                """);
        assertThat(Lint.gotoProblems(dp)).hasSize(4)
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:2:").contains("[b]"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:3:").contains("'nolabel'"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:4:").contains("agent3"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:5:").contains("priority 9"));
    }

    @Test
    void wrongAgiQueueDialAndPrioAreFlagged() {
        Dialplan dp = Lint.parse("t.conf", """
                [a]
                exten => s,1,AGI(agi://127.0.0.1/route)
                 same => n,AGI(agi://127.0.0.1:4573/routes,x)
                 same => n,Queue(${QUEUE},60)
                 same => n,Queue(${QUEUE},,,,,,,gosub-ctx)
                 same => n,Set(QUEUE_PRIO=)
                 same => n,Set(QUEUE_PRIO=${CUT(AC_ROUTE,|,2)})
                 same => n,ExecIf($["${P}" != ""]?Set(QUEUE_PRIO=${CUT(AC_ROUTE,|,2)}))
                 same => n,Set(QUEUE_PRIO=5)
                 same => n,Dial(PJSIP/a,0)
                 same => n,Dial(PJSIP/a,${WAIT})
                """);
        assertThat(Lint.agiProblems(dp, Set.of("route"))).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:2:").contains("agi://HOST:PORT/script"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:3:").contains("'routes'"));
        assertThat(Lint.queueAppProblems(dp)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:4:").contains("5th"))
                .anySatisfy(p -> assertThat(p).startsWith("t.conf:5:").contains("macro"));
        assertThat(Lint.queuePrioProblems(dp)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("t.conf:6:", "t.conf:7:", "t.conf:8:");
        assertThat(Lint.dialTimeoutProblems(dp)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("t.conf:10:", "t.conf:11:");
    }

    @Test
    void brokenQueuesConfIsFlagged() {
        String text = """
                strategy = ringall
                [general]
                persistentmembers = no
                [support](defaults)
                strategy = roundrobin
                jointheempty = yes
                [defaults](!)
                timeout = 15
                """;
        assertThat(Lint.queuesConfProblems("q.conf", text)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("q.conf:1:", "q.conf:4:", "q.conf:5:", "q.conf:6:");
        assertThat(Lint.missingQueues("q.conf", text, Set.of("support", "defaults", "vip")))
                .singleElement().asString().contains("'defaults'", "'vip'").doesNotContain("'support'");
    }

    @Test
    void aStrategyOverridingItsTemplatesIsFlagged() {
        String text = """
                [defaults](!)
                strategy = rrmemory
                timeout = 15
                [support](defaults)
                [vip](defaults)
                strategy = leastrecent
                [plain](!)
                timeout = 15
                [repairs](plain)
                strategy = rrmemory
                """;
        assertThat(Lint.queuesConfProblems("q.conf", text)).singleElement().asString()
                .startsWith("q.conf:5:").contains("[vip]", "[defaults]");
    }

    @Test
    void theCaptureManagerConfWouldNotPass() {
        // The account of /work/shared/asterisk-22/config/manager.conf, fine for capturing, wrong in production.
        String text = """
                [general]
                enabled = yes
                bindaddr = 0.0.0.0
                [hotline]
                secret = s3cret
                permit = 127.0.0.1/255.255.255.255
                deny = 0.0.0.0/0.0.0.0
                read = all
                write = system,call,agent,originate
                [other]
                secret = x
                deny = 0.0.0.0/0.0.0.0
                permit = 0.0.0.0/0.0.0.0
                read = call
                write = agent,originate,reporting
                """;
        assertThat(Lint.managerPrivilegeProblems("m.conf", text)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("m.conf:8:", "m.conf:9:", "m.conf:9:", "m.conf:14:", "m.conf:15:");
        assertThat(Lint.managerAddressProblems("m.conf", text)).extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("m.conf:3:", "m.conf:6:", "m.conf:13:");
    }

    // ---- inputs -------------------------------------------------------------------------------------------

    private static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file));
    }

    private static Dialplan dialplan() throws IOException {
        return Lint.parse(EXTENSIONS, read(EXTENSIONS));
    }

    /** Script names App.java registers with ScriptRegistry ({@code .register("route", ...)}). */
    private static Set<String> registeredScripts() throws IOException {
        String app = Files.readString(Path.of("src/main/java/io/aftercare/App.java"));
        return found(Pattern.compile("\\.register\\(\"([^\"]+)\""), app);
    }

    /** Queue names a routing decision, the IVR or the demo may produce. */
    private static Set<String> queuesAftercareUses() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> sql = Files.list(Path.of("sql"))) {
            for (Path p : sql.filter(p -> p.toString().endsWith(".sql")).toList()) {
                out.addAll(found(Pattern.compile("INSERT INTO queues \\([^)]*\\)\\s*VALUES \\('([^']+)'"),
                        Files.readString(p)));
            }
        }
        Path demo = Path.of("src/main/java/io/aftercare/demo");
        out.addAll(found(Pattern.compile("new Object\\[] \\{\"([^\"]+)\""),
                Files.readString(demo.resolve("Catalog.java"))));
        for (String list : found(Pattern.compile("new SimAgent\\([^)]*List\\.of\\(([^)]*)\\)"),
                Files.readString(demo.resolve("DemoPbx.java")))) {
            out.addAll(found(Pattern.compile("\"([^\"]+)\""), list));
        }
        out.addAll(found(Pattern.compile("(?m)^\\s*fallback_queue:\\s*(\\S+)"),
                Files.readString(Path.of("src/main/resources/reference.yaml"))));
        out.addAll(found(Pattern.compile("Set\\(QUEUE=([A-Za-z0-9_-]+)\\)"), read(EXTENSIONS)));
        return out;
    }

    private static Set<String> found(Pattern p, String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    // ---- the lint -----------------------------------------------------------------------------------------

    enum Kind { SYNTAX, SAME, PRIORITY }

    /** One priority of the dialplan: where it stands, its extension, label and application call. */
    record Step(String where, String context, String exten, int priority, String label, String app, String args) {}

    /** A parsed dialplan: steps by context and extension (in file order) and what the parse itself found. */
    record Dialplan(Map<String, Map<String, List<Step>>> contexts, Map<Kind, List<String>> found) {
        List<String> problems(Kind kind) {
            return found.getOrDefault(kind, List.of());
        }

        List<Step> steps() {
            return contexts.values().stream().flatMap(c -> c.values().stream()).flatMap(List::stream).toList();
        }
    }

    static final class Lint {
        /** Asterisk 20/22 applications the dialplan may use (a deliberate allow-list; Macro is gone in 21). */
        static final Set<String> APPS = Set.of("Answer", "NoOp", "Set", "ExecIf", "GotoIf", "Goto", "Gosub",
                "GosubIf", "Return", "AGI", "Queue", "Dial", "Playback", "Background", "VoiceMail", "Hangup", "AMD",
                "Wait", "WaitExten", "Ringing", "Progress", "Busy", "Congestion", "SendDTMF", "Read", "Verbose", "Log",
                "MixMonitor", "StopMixMonitor", "UserEvent", "ChanSpy");
        /** Standard dialplan functions ({@code ${FUNC(...)}} or {@code Set(FUNC(...)=...)}). */
        static final Set<String> FUNCTIONS = Set.of("CUT", "IF", "IFTIME", "CHANNEL", "CALLERID", "CONNECTEDLINE",
                "LEN", "ISNULL", "EXISTS", "QUOTE", "FIELDQTY", "FIELDNUM", "FILTER", "REPLACE", "STRFTIME", "TOUPPER",
                "TOLOWER", "REGEX", "QUEUE_MEMBER", "DB", "GLOBAL", "SHARED", "DEVICE_STATE", "VERSION");
        /** queues.conf [general] keys app_queue reads (queue_set_global_params). */
        static final Set<String> QUEUE_GENERAL_KEYS = Set.of("persistentmembers", "autofill", "monitor-type",
                "updatecdr", "shared_lastcall", "negative_penalty_invalid", "log_membername_as_agent",
                "force_longest_waiting_caller", "keepstats", "log_unpause_on_reason_change");
        /** Queue keys app_queue reads (queue_set_param), the ones a sample might use. */
        static final Set<String> QUEUE_KEYS = Set.of("musicclass", "music", "musiconhold", "announce", "context",
                "timeout", "ringinuse", "setinterfacevar", "setqueuevar", "setqueueentryvar", "monitor-format",
                "membergosub", "queue-youarenext", "queue-thereare", "queue-callswaiting", "queue-quantity1",
                "queue-quantity2", "queue-holdtime", "queue-minutes", "queue-seconds", "queue-thankyou",
                "queue-callerannounce", "queue-reporthold", "announce-frequency", "min-announce-frequency",
                "announce-round-seconds", "announce-holdtime", "announce-position", "announce-position-only-up",
                "announce-position-limit", "announce-to-first-user", "periodic-announce", "periodic-announce-frequency",
                "periodic-announce-startdelay", "relative-periodic-announce", "random-periodic-announce", "retry",
                "wrapuptime", "penaltymemberslimit", "autofill", "autopause", "autopausedelay", "autopausebusy",
                "autopauseunavail", "maxlen", "servicelevel", "strategy", "joinempty", "leavewhenempty",
                "reportholdtime", "memberdelay", "weight", "timeoutrestart", "defaultrule", "timeoutpriority",
                "log-restricted-caller-id", "member");
        static final Set<String> STRATEGIES = Set.of("ringall", "leastrecent", "fewestcalls", "random", "rrmemory",
                "linear", "wrandom", "rrordered");
        static final Set<String> MANAGER_GENERAL_KEYS = Set.of("enabled", "webenabled", "port", "bindaddr",
                "tlsenable", "tlsbindaddr", "tlscertfile", "tlsprivatekey", "tlscipher", "displayconnects",
                "timestampevents", "allowmultiplelogin", "authtimeout", "authlimit", "channelvars", "debug",
                "httptimeout", "mantimeout", "disabledevents");
        static final Set<String> MANAGER_USER_KEYS = Set.of("secret", "deny", "permit", "acl", "read", "write",
                "writetimeout", "displayconnects", "allowmultiplelogin", "eventfilter", "setvar", "channelvars");
        /**
         * AMI classes aftercare needs. read: call (Newchannel, Hangup, Bridge*, Hold, Rename, OriginateResponse)
         * and agent (QueueCaller*, Agent*, QueueMember*). write: agent (QueueAdd/Remove/Pause), originate
         * (Originate), reporting (Status, CoreShowChannels), call (the call controls: Hangup, Setvar, BlindTransfer,
         * Atxfer, CancelAtxfer, PlayDTMF); QueueStatus and Ping need no class. (system, for PJSIPNotify, is the
         * admin's choice, left out of the sample.)
         */
        static final Set<String> AMI_READ = Set.of("call", "agent");
        static final Set<String> AMI_WRITE = Set.of("agent", "originate", "reporting", "call");

        private static final Pattern CONTEXT = Pattern.compile("\\[([A-Za-z0-9_-]+)]");
        private static final Pattern EXTEN = Pattern.compile(
                "exten\\s*=>\\s*([^,\\s]+)\\s*,\\s*(\\d+|n|hint)(?:\\(([A-Za-z0-9_-]+)\\))?\\s*,\\s*(.+)");
        private static final Pattern SAME = Pattern.compile("same\\s*=>\\s*n(?:\\(([A-Za-z0-9_-]+)\\))?\\s*,\\s*(.+)");
        private static final Pattern INCLUDE = Pattern.compile("include\\s*=>\\s*[A-Za-z0-9_-]+");
        private static final Pattern SETTING = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\s*=.*");
        private static final Pattern CALL = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\((.*)\\)");
        private static final Pattern FUNCTION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\(");
        private static final Pattern SET_FUNCTION = Pattern.compile("(?:^|[?:(])Set\\(([A-Za-z_][A-Za-z0-9_]*)\\(");
        private static final Pattern PLAIN_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
        /** {@code agi://HOST:PORT/script} or {@code agi://${AC_AGI}/script} (the address as a global). */
        private static final Pattern AGI_URL = Pattern.compile(
                "agi://(?:([A-Za-z0-9.-]+):(\\d{1,5})|\\$\\{AC_AGI})/([^?,/]+)(\\?.*)?");
        private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z0-9_.-]+)](?:\\(([^)]*)\\))?");
        private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*=>?\\s*(.*)");

        private Lint() {}

        // -- extensions.conf --

        /** Code of a config line: config.c ends a line at the first ';' that is not escaped as '\;'. */
        static String code(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                    return line.substring(0, i).strip();
                }
            }
            return line.strip();
        }

        static Dialplan parse(String file, String text) {
            Map<String, Map<String, List<Step>>> contexts = new LinkedHashMap<>();
            Map<Kind, List<String>> found = new LinkedHashMap<>();
            String[] lines = text.split("\n", -1);
            String context = null;
            String exten = null;
            boolean settings = false;
            for (int i = 0; i < lines.length; i++) {
                String where = file + ":" + (i + 1) + ":";
                String line = code(lines[i]);
                if (line.isEmpty()) {
                    continue;
                }
                Matcher m;
                if ((m = CONTEXT.matcher(line)).matches()) {
                    context = m.group(1);
                    exten = null;
                    settings = context.equals("general") || context.equals("globals");
                    contexts.computeIfAbsent(context, c -> new LinkedHashMap<>());
                } else if (settings) {
                    if (!SETTING.matcher(line).matches()) {
                        add(found, Kind.SYNTAX, where + " [general]/[globals] holds NAME=value lines only: " + line);
                    }
                } else if (context == null) {
                    add(found, line.startsWith("same") ? Kind.SAME : Kind.SYNTAX,
                            where + " statement before any [context]: " + line);
                } else if ((m = EXTEN.matcher(line)).matches()) {
                    exten = m.group(1);
                    List<Step> steps = contexts.get(context).computeIfAbsent(exten, e -> new ArrayList<>());
                    String prio = m.group(2);
                    if (prio.equals("hint")) {
                        continue;
                    }
                    int number = prio.equals("n") ? steps.size() + 1 : Integer.parseInt(prio);
                    if (steps.isEmpty() && !prio.equals("1")) {
                        add(found, Kind.PRIORITY, where + " extension '" + exten + "' in [" + context
                                + "] starts at priority " + prio + ", not 1: a call entering it finds nothing to run");
                    } else if (!steps.isEmpty() && number != steps.size() + 1) {
                        add(found, Kind.PRIORITY, where + " priority " + prio + " of '" + exten + "' does not follow "
                                + steps.size() + " (use n)");
                    }
                    step(found, steps, where, cutHint(lines[i], line), context, exten, number, m.group(3), m.group(4));
                } else if ((m = SAME.matcher(line)).matches()) {
                    if (exten == null) {
                        add(found, Kind.SAME, where + " 'same =>' with no 'exten =>' before it in [" + context
                                + "] (pbx_config: \"Can't use 'same' unless an extension has been defined\")");
                        continue;
                    }
                    List<Step> steps = contexts.get(context).get(exten);
                    step(found, steps, where, cutHint(lines[i], line), context, exten, steps.size() + 1, m.group(1),
                            m.group(2));
                } else if (!INCLUDE.matcher(line).matches()) {
                    add(found, line.startsWith("same") ? Kind.SAME : Kind.SYNTAX, where
                            + " not [context], 'exten => EXT,PRIO,App(args)', 'same => n,App(args)'"
                            + " or 'include => ctx': " + line);
                }
            }
            return new Dialplan(contexts, found);
        }

        /** A hint for a line a ';' cut short: in a config file it starts a comment wherever it stands. */
        private static String cutHint(String raw, String code) {
            boolean cut = !code.equals(raw.strip());
            boolean open = code.chars().filter(c -> c == '(').count() != code.chars().filter(c -> c == ')').count();
            return cut && open ? " (the ';' ends the line there: config files read the rest as a comment; write \\;)"
                    : "";
        }

        private static void step(Map<Kind, List<String>> found, List<Step> steps, String where, String hint,
                                 String context, String exten, int priority, String label, String call) {
            Matcher m = CALL.matcher(call.strip());
            if (!m.matches()) {
                add(found, Kind.SYNTAX, where + " not an application call App(args): " + call + hint);
                steps.add(new Step(where, context, exten, priority, label, "", ""));
                return;
            }
            steps.add(new Step(where, context, exten, priority, label, m.group(1), m.group(2)));
        }

        private static void add(Map<Kind, List<String>> found, Kind kind, String problem) {
            found.computeIfAbsent(kind, k -> new ArrayList<>()).add(problem);
        }

        static List<String> labelProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Map<String, List<Step>> extens : dp.contexts().values()) {
                for (List<Step> steps : extens.values()) {
                    Set<String> seen = new LinkedHashSet<>();
                    for (Step s : steps) {
                        if (s.label() != null && !seen.add(s.label())) {
                            out.add(s.where() + " label '" + s.label() + "' used twice in extension '" + s.exten()
                                    + "' of [" + s.context() + "]");
                        }
                    }
                }
            }
            return out;
        }

        static List<String> patternProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Map<String, List<Step>> extens : dp.contexts().values()) {
                for (Map.Entry<String, List<Step>> e : extens.entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        for (String p : patternProblems(e.getKey())) {
                            out.add(e.getValue().get(0).where() + " " + p);
                        }
                    }
                }
            }
            return out;
        }

        /** What is wrong with one extension name, per pbx.c's reading of patterns (see the class comment). */
        static List<String> patternProblems(String exten) {
            List<String> out = new ArrayList<>();
            if (!exten.startsWith("_")) {
                if (!exten.matches("[A-Za-z0-9*#+-]+")) {
                    out.add("literal extension '" + exten + "' has characters only a pattern gives a meaning to");
                } else if (exten.matches("[0-9NXZnxz*#+-]+") && exten.matches(".*[0-9].*")
                        && exten.matches(".*[NXZnxz].*")) {
                    out.add("literal extension '" + exten + "' looks like a pattern without its leading _: here N, X"
                            + " and Z are letters to dial, not digit classes");
                }
                return out;
            }
            String p = exten.substring(1);
            if (p.equals(".") || p.equals("!")) {
                out.add("pattern '" + exten + "' also matches h, i, t and the like: pbx_config warns;"
                        + " use _X. or a set");
                return out;
            }
            List<String> literal = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '[') {
                    int end = p.indexOf(']', i);
                    if (end < 0 || end == i + 1) {
                        out.add("pattern '" + exten + "' has an empty or unclosed [set]");
                        return out;
                    }
                    i = end;
                } else if (c == '.' || c == '!') {
                    if (i < p.length() - 1) {
                        out.add("pattern '" + exten + "': '" + c + "' matches the rest of the number, so '"
                                + p.substring(i + 1) + "' after it is never compared");
                    }
                    break;
                } else if ("NXZnxz".indexOf(c) >= 0) {
                    classes.add("'" + c + "' matches one digit " + switch (Character.toUpperCase(c)) {
                        case 'N' -> "2-9";
                        case 'X' -> "0-9";
                        default -> "1-9";
                    });
                } else if (Character.isLetter(c)) {
                    literal.add(String.valueOf(c));
                } else if ("0123456789*#+-".indexOf(c) < 0) {
                    out.add("pattern '" + exten + "' has '" + c + "', which is not a pattern character");
                }
            }
            if (!literal.isEmpty()) {
                out.add("pattern '" + exten + "' has letters meant literally (" + String.join(", ", literal)
                        + "): in a pattern only N, X and Z are letters, in any case, and they match digits"
                        + (classes.isEmpty() ? "" : "; here " + String.join(", ", classes))
                        + "; drop the _ for a literal extension or use one per name");
            }
            return out;
        }

        /** Whether the extension (literal or pattern) matches a dialled string, the way pbx.c compares them. */
        static boolean matches(String exten, String number) {
            if (!exten.startsWith("_")) {
                return exten.equals(number);
            }
            StringBuilder re = new StringBuilder();
            String p = exten.substring(1);
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                switch (Character.toUpperCase(c)) {
                    case 'N' -> re.append("[2-9]");
                    case 'X' -> re.append("[0-9]");
                    case 'Z' -> re.append("[1-9]");
                    case '-' -> { }
                    case '.' -> {
                        return number.matches(re + ".+");
                    }
                    case '!' -> {
                        return number.matches(re + ".*");
                    }
                    case '[' -> {
                        int end = p.indexOf(']', i);
                        if (end < 0) {
                            return false;
                        }
                        re.append('[');
                        for (char s : p.substring(i + 1, end).toCharArray()) {
                            re.append(s == '-' || Character.isLetterOrDigit(s) ? "" : "\\").append(s);
                        }
                        re.append(']');
                        i = end;
                    }
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return number.matches(re.toString());
        }

        static List<String> applicationProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                if (!s.app().isEmpty() && !APPS.contains(s.app())) {
                    out.add(s.where() + " application " + s.app() + "() is not on the list of standard Asterisk 20/22"
                            + " applications this dialplan may use" + (s.app().equals("Macro") ? " (Macro was removed"
                            + " in Asterisk 21: use Gosub)" : ""));
                }
            }
            return out;
        }

        static List<String> functionProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                Set<String> names = new LinkedHashSet<>(found(FUNCTION, s.args()));
                names.addAll(found(SET_FUNCTION, s.app() + "(" + s.args() + ")"));
                for (String name : names) {
                    if (!FUNCTIONS.contains(name)) {
                        out.add(s.where() + " function " + name
                                + "() is not on the list of standard dialplan functions");
                    }
                }
            }
            return out;
        }

        /** ${...}, $[...], (...), [...] nest properly and double quotes pair up, line by line. */
        static List<String> balanceProblems(String file, String text) {
            List<String> out = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = code(lines[i]);
                String where = file + ":" + (i + 1) + ":";
                Deque<Character> open = new ArrayDeque<>();
                int quotes = 0;
                for (int j = 0; j < line.length(); j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        j++;
                    } else if (c == '$' && j + 1 < line.length() && "{[".indexOf(line.charAt(j + 1)) >= 0) {
                        char kind = line.charAt(++j);
                        open.push(kind == '{' ? '}' : ']');
                        if (kind == '{' && !line.substring(j + 1).matches("(?s)[A-Za-z_][A-Za-z0-9_]*[}:(].*")) {
                            out.add(where + " malformed variable reference at column " + j + ": ${ must be followed by"
                                    + " NAME}, NAME:offset} or FUNC(");
                        }
                    } else if (c == '(' || c == '[') {
                        open.push(c == '(' ? ')' : ']');
                    } else if (c == '"') {
                        quotes++;
                    } else if (c == ')' || c == ']' || c == '}') {
                        if (open.isEmpty() || open.pop() != c) {
                            out.add(where + " unbalanced '" + c + "' at column " + (j + 1));
                            open.clear();
                            break;
                        }
                    }
                }
                if (!open.isEmpty()) {
                    out.add(where + " unclosed: expected " + open + " before the end of the line");
                }
                if (quotes % 2 != 0) {
                    out.add(where + " odd number of double quotes");
                }
            }
            return out;
        }

        static List<String> conditionalProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                if (!s.app().equals("ExecIf") && !s.app().equals("GotoIf")) {
                    continue;
                }
                int q = topLevel(s.args(), '?');
                if (q <= 0) {
                    out.add(s.where() + " " + s.app() + "(" + s.args() + ") needs condition?branch");
                    continue;
                }
                List<String> branches = split(s.args().substring(q + 1), ':');
                if (branches.size() > 2 || branches.stream().allMatch(String::isBlank)) {
                    out.add(s.where() + " " + s.app() + " needs one or two branches after '?': " + s.args());
                    continue;
                }
                if (s.app().equals("ExecIf")) {
                    for (String b : branches) {
                        Matcher m = CALL.matcher(b.strip());
                        if (b.isBlank()) {
                            continue;
                        }
                        if (!m.matches() || !APPS.contains(m.group(1))) {
                            out.add(s.where() + " ExecIf branch '" + b + "' is not a call of an allowed application");
                        } else if (m.group(1).equals("Set") && !m.group(2).contains("=")) {
                            out.add(s.where() + " ExecIf branch '" + b + "' sets nothing (Set(NAME=value))");
                        }
                    }
                }
            }
            return out;
        }

        static List<String> gotoProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                List<String> targets = new ArrayList<>();
                if (s.app().equals("Goto") || s.app().equals("Gosub")) {
                    targets.add(s.args().replaceAll("\\(.*\\)$", ""));
                } else if (s.app().equals("GotoIf") && topLevel(s.args(), '?') > 0) {
                    split(s.args().substring(topLevel(s.args(), '?') + 1), ':').stream()
                            .filter(b -> !b.isBlank()).forEach(targets::add);
                }
                for (String t : targets) {
                    String problem = targetProblem(dp, s, t.strip());
                    if (problem != null) {
                        out.add(s.where() + " " + s.app() + " target '" + t.strip() + "': " + problem);
                    }
                }
            }
            return out;
        }

        /** Resolves [[context,]exten,]priority|label as pbx.c would; dynamic parts (${...}) are taken on trust. */
        private static String targetProblem(Dialplan dp, Step from, String target) {
            List<String> parts = split(target, ',').stream().map(String::strip).toList();
            if (parts.size() > 3) {
                return "more than context,exten,priority";
            }
            String context = parts.size() == 3 ? parts.get(0) : from.context();
            String exten = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
            String priority = parts.get(parts.size() - 1);
            if (context.contains("${")) {
                return null;
            }
            Map<String, List<Step>> extens = dp.contexts().get(context);
            if (extens == null) {
                return "context [" + context + "] is not in this file";
            }
            List<List<Step>> candidates = new ArrayList<>();
            if (exten == null) {
                candidates.add(extens.get(from.exten()));
            } else if (exten.contains("${")) {
                candidates.addAll(extens.values());
            } else if (extens.containsKey(exten)) {
                candidates.add(extens.get(exten));
            } else {
                extens.forEach((name, steps) -> {
                    if (matches(name, exten)) {
                        candidates.add(steps);
                    }
                });
                if (candidates.isEmpty()) {
                    return "no extension of [" + context + "] matches '" + exten + "' (patterns: "
                            + extens.keySet().stream().filter(n -> n.startsWith("_")).toList() + ")";
                }
            }
            if (priority.contains("${")) {
                return null;
            }
            if (priority.matches("\\d+")) {
                int p = Integer.parseInt(priority);
                return candidates.stream().anyMatch(steps -> steps.size() >= p) ? null
                        : "priority " + p + " does not exist in [" + context + "]";
            }
            return candidates.stream().anyMatch(steps -> steps.stream().anyMatch(st -> priority.equals(st.label())))
                    ? null : "label '" + priority + "' does not exist in [" + context + "]";
        }

        static List<String> agiProblems(Dialplan dp, Set<String> scripts) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                if (!s.app().equals("AGI")) {
                    continue;
                }
                String url = split(s.args(), ',').get(0).strip();
                Matcher m = AGI_URL.matcher(url);
                if (!m.matches()) {
                    out.add(s.where() + " AGI URL '" + url + "' is not agi://HOST:PORT/script or"
                            + " agi://${AC_AGI}/script");
                } else if (m.group(2) != null && (Integer.parseInt(m.group(2)) < 1
                        || Integer.parseInt(m.group(2)) > 65535)) {
                    out.add(s.where() + " AGI port " + m.group(2) + " is out of range");
                } else if (!scripts.contains(m.group(3))) {
                    out.add(s.where() + " AGI script '" + m.group(3) + "' is not registered with aftercare's"
                            + " ScriptRegistry " + scripts + ": asterisk-java answers AJ_AGISTATUS=NOT_FOUND");
                }
            }
            return out;
        }

        static List<String> queueAppProblems(Dialplan dp) {
            String[] names = {"queuename", "options", "URL", "announceoverride", "timeout"};
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                if (!s.app().equals("Queue")) {
                    continue;
                }
                List<String> args = split(s.args(), ',').stream().map(String::strip).toList();
                if (args.get(0).isEmpty()) {
                    out.add(s.where() + " Queue() without a queue name");
                }
                boolean misplaced = false;
                for (int i = 1; i < Math.min(4, args.size()); i++) {
                    if (args.get(i).matches("\\d+")) {
                        misplaced = true;
                        out.add(s.where() + " Queue() argument " + (i + 1) + " (" + names[i] + ") is a number: the"
                                + " timeout is the 5th argument:"
                                + " Queue(queuename,options,URL,announceoverride,timeout)");
                    }
                }
                if (!misplaced && args.size() > 1 && !args.get(1).replaceAll("\\([^)]*\\)", "").matches("[A-Za-z]*")) {
                    out.add(s.where() + " Queue() options '" + args.get(1) + "' are not option letters");
                }
                if (args.size() > 4 && !args.get(4).matches("|\\d+|\\$\\{[^}]+}")) {
                    out.add(s.where() + " Queue() timeout '" + args.get(4) + "' is not a number of seconds");
                }
                if (args.size() > 6 && !positionOnly(dp, s, args)) {
                    out.add(s.where() + " Queue() with more than 6 arguments: Asterisk 20 reads the 7th as macro,"
                            + " 21 and later as gosub, so the call means different things on 20 and 22 (only a"
                            + " position may follow, as the 9th argument, or as the 10th at a label ending in 20"
                            + " behind a GotoIf on VERSION(ASTERISK_VERSION_NUM))");
                }
            }
            return out;
        }

        /**
         * A Queue() whose arguments past the 6th are empty but the last, the position: the 9th on Asterisk 21 and
         * later, the 10th on 20, told apart by a GotoIf on {@code VERSION(ASTERISK_VERSION_NUM)} in the same extension
         * that jumps to the 20 form, whose label ends in 20.
         */
        private static boolean positionOnly(Dialplan dp, Step s, List<String> args) {
            if (args.size() != 9 && args.size() != 10 || !args.subList(5, args.size() - 1).stream().allMatch(
                    String::isEmpty)) {
                return false;
            }
            List<Step> steps = dp.contexts().get(s.context()).get(s.exten());
            boolean guarded = steps.stream().anyMatch(g -> g.app().equals("GotoIf")
                    && g.args().contains("VERSION(ASTERISK_VERSION_NUM)") && g.priority() < s.priority());
            boolean for20 = s.label() != null && s.label().endsWith("20");
            return guarded && (args.size() == 10) == for20;
        }

        static List<String> queuePrioProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                String condition = "";
                List<String> sets = new ArrayList<>();
                if (s.app().equals("Set")) {
                    sets.add(s.args());
                } else if (s.app().equals("ExecIf") && topLevel(s.args(), '?') > 0) {
                    int q = topLevel(s.args(), '?');
                    condition = s.args().substring(0, q);
                    for (String b : split(s.args().substring(q + 1), ':')) {
                        Matcher m = CALL.matcher(b.strip());
                        if (m.matches() && m.group(1).equals("Set")) {
                            sets.add(m.group(2));
                        }
                    }
                }
                for (String set : sets) {
                    if (!set.startsWith("QUEUE_PRIO=")) {
                        continue;
                    }
                    String value = set.substring("QUEUE_PRIO=".length()).strip();
                    if (value.isEmpty()) {
                        out.add(s.where() + " sets QUEUE_PRIO to an empty string: app_queue logs 'Invalid value'");
                    } else if (!value.matches("-?\\d+") && !condition.contains("\"" + value + "\" != \"\"")) {
                        out.add(s.where() + " sets QUEUE_PRIO to " + value + " without checking it is not empty"
                                + " (wrap it in ExecIf($[\"" + value + "\" != \"\"]?Set(...)))");
                    }
                }
            }
            return out;
        }

        /** A Dial timeout is a positive literal, or its variables are sent away from the Dial when they are "0". */
        static List<String> dialTimeoutProblems(Dialplan dp) {
            List<String> out = new ArrayList<>();
            for (Step s : dp.steps()) {
                if (!s.app().equals("Dial")) {
                    continue;
                }
                List<String> args = split(s.args(), ',');
                String timeout = args.size() > 1 ? args.get(1).strip() : "";
                if (timeout.isEmpty()) {
                    continue;
                }
                if (!timeout.contains("${")) {
                    if (!timeout.matches("0*[1-9]\\d*")) {
                        out.add(s.where() + " Dial timeout '" + timeout + "' is not above 0: app_dial warns and rings"
                                + " forever");
                    }
                    continue;
                }
                List<Step> before = dp.contexts().get(s.context()).get(s.exten()).stream()
                        .filter(b -> b.priority() < s.priority()).toList();
                for (String variable : found(PLAIN_VARIABLE, timeout)) {
                    boolean guarded = before.stream().anyMatch(b -> b.app().equals("GotoIf")
                            && b.args().contains("\"${" + variable + "}\" = \"0\""));
                    if (!guarded) {
                        out.add(s.where() + " Dial timeout takes ${" + variable + "}, which may be 0: app_dial then"
                                + " warns and rings forever; skip the Dial when it is \"0\" (GotoIf before it)");
                    }
                }
            }
            return out;
        }

        /** Index of the first {@code c} outside (), [], {} and quotes, or -1. */
        static int topLevel(String s, char c) {
            int depth = 0;
            boolean quoted = false;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if ("([{".indexOf(ch) >= 0) {
                    depth++;
                } else if (")]}".indexOf(ch) >= 0) {
                    depth--;
                } else if (ch == c && depth == 0 && !quoted) {
                    return i;
                }
            }
            return -1;
        }

        /** Splits at top-level {@code delim}, as ast_app_separate_args does (parentheses, brackets, quotes). */
        static List<String> split(String s, char delim) {
            List<String> out = new ArrayList<>();
            String rest = s;
            int at;
            while ((at = topLevel(rest, delim)) >= 0) {
                out.add(rest.substring(0, at));
                rest = rest.substring(at + 1);
            }
            out.add(rest);
            return out;
        }

        // -- queues.conf and manager.conf --

        /** A [section] of a config file with its template options and settings, in file order. */
        record Section(String name, String where, List<String> options, List<String[]> settings) {
            boolean template() {
                return options.contains("!");
            }

            List<String> values(String key) {
                return settings.stream().filter(kv -> kv[1].equals(key)).map(kv -> kv[2]).toList();
            }
        }

        /** Sections of a config; each setting is {where, key, value}. Lines that are neither go to problems. */
        static List<Section> sections(String file, String text, List<String> problems) {
            List<Section> out = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = code(lines[i]);
                String where = file + ":" + (i + 1) + ":";
                Matcher m;
                if (line.isEmpty()) {
                    continue;
                }
                if ((m = SECTION.matcher(line)).matches()) {
                    List<String> options = m.group(2) == null ? List.of()
                            : split(m.group(2), ',').stream().map(String::strip).toList();
                    out.add(new Section(m.group(1), where, options, new ArrayList<>()));
                } else if ((m = KEY_VALUE.matcher(line)).matches() && !out.isEmpty()) {
                    out.get(out.size() - 1).settings()
                            .add(new String[] {where, m.group(1).toLowerCase(), m.group(2).strip()});
                } else {
                    problems.add(where + " not a [section] or a key = value inside one: " + line);
                }
            }
            return out;
        }

        static List<String> queuesConfProblems(String file, String text) {
            List<String> out = new ArrayList<>();
            Set<String> defined = new LinkedHashSet<>();
            Map<String, Boolean> setsStrategy = new HashMap<>();
            for (Section s : sections(file, text, out)) {
                for (String parent : s.options()) {
                    if (!parent.equals("!") && !defined.contains(parent)) {
                        out.add(s.where() + " [" + s.name() + "] inherits from '" + parent + "', which is not defined"
                                + " above it (config.c: \"Inheritance requested, but category does not exist\")");
                    } else if (setsStrategy.getOrDefault(parent, false) && !s.values("strategy").isEmpty()) {
                        out.add(s.where() + " [" + s.name() + "] sets a strategy that Asterisk 20 and 22 ignore: app_queue"
                                + " reads the first 'strategy', [" + parent + "]'s (ast_variable_retrieve; the last"
                                + " one only from Asterisk 23)");
                    }
                }
                defined.add(s.name());
                setsStrategy.put(s.name(), !s.values("strategy").isEmpty()
                        || s.options().stream().anyMatch(p -> setsStrategy.getOrDefault(p, false)));
                boolean general = s.name().equals("general");
                for (String[] kv : s.settings()) {
                    if (!(general ? QUEUE_GENERAL_KEYS : QUEUE_KEYS).contains(kv[1])) {
                        out.add(kv[0] + " app_queue does not know '" + kv[1] + "' in " + (general ? "[general]"
                                : "a queue"));
                    } else if (kv[1].equals("strategy") && !STRATEGIES.contains(kv[2].toLowerCase())) {
                        out.add(kv[0] + " unknown strategy '" + kv[2] + "' " + STRATEGIES);
                    } else if (Set.of("timeout", "retry", "wrapuptime", "maxlen", "servicelevel", "weight",
                            "memberdelay").contains(kv[1]) && !kv[2].matches("\\d+")) {
                        out.add(kv[0] + " '" + kv[1] + "' takes a whole number, not '" + kv[2] + "'");
                    }
                }
            }
            return out;
        }

        /** Queues (non-template sections other than [general], as app_queue reads them) missing from the file. */
        static List<String> missingQueues(String file, String text, Set<String> wanted) {
            Set<String> queues = new LinkedHashSet<>();
            for (Section s : sections(file, text, new ArrayList<>())) {
                if (!s.template() && !s.name().equals("general")) {
                    queues.add(s.name());
                }
            }
            List<String> missing = wanted.stream().filter(q -> !queues.contains(q)).sorted().map(q -> "'" + q + "'")
                    .toList();
            return missing.isEmpty() ? List.of()
                    : List.of(file + ": no queue " + String.join(", ", missing) + " (aftercare may route calls there;"
                            + " Queue() on a missing queue returns at once)");
        }

        static List<String> managerPrivilegeProblems(String file, String text) {
            List<String> out = new ArrayList<>();
            for (Section s : sections(file, text, out)) {
                boolean general = s.name().equals("general");
                for (String[] kv : s.settings()) {
                    if (!(general ? MANAGER_GENERAL_KEYS : MANAGER_USER_KEYS).contains(kv[1])) {
                        out.add(kv[0] + " manager.conf does not know '" + kv[1] + "'");
                    }
                }
                if (general) {
                    continue;
                }
                if (s.values("secret").stream().noneMatch(v -> !v.isBlank())) {
                    out.add(s.where() + " user [" + s.name() + "] has no secret");
                }
                for (String key : List.of("read", "write")) {
                    Set<String> needed = key.equals("read") ? AMI_READ : AMI_WRITE;
                    List<String[]> lines = s.settings().stream().filter(kv -> kv[1].equals(key)).toList();
                    Set<String> granted = new LinkedHashSet<>();
                    for (String[] kv : lines) {
                        for (String c : kv[2].split(",")) {
                            granted.add(c.strip().toLowerCase());
                        }
                        Set<String> extra = new TreeSet<>(granted);
                        extra.removeAll(needed);
                        if (!extra.isEmpty()) {
                            out.add(kv[0] + " [" + s.name() + "] " + key + " grants " + extra + ", more than aftercare"
                                    + " needs " + new TreeSet<>(needed));
                        }
                    }
                    Set<String> lacking = new TreeSet<>(needed);
                    lacking.removeAll(granted);
                    lacking.removeIf(c -> granted.contains("all"));
                    if (!lacking.isEmpty()) {
                        String where = lines.isEmpty() ? s.where() : lines.get(lines.size() - 1)[0];
                        out.add(where + " [" + s.name() + "] " + key + " lacks " + lacking + ", which aftercare needs");
                    }
                }
            }
            return out;
        }

        static List<String> managerAddressProblems(String file, String text) {
            List<String> out = new ArrayList<>();
            for (Section s : sections(file, text, new ArrayList<>())) {
                if (s.name().equals("general")) {
                    for (String[] kv : s.settings()) {
                        if (kv[1].equals("bindaddr") && !isPrivate(kv[2])) {
                            out.add(kv[0] + " bindaddr " + kv[2] + " is not a loopback or private address");
                        }
                    }
                    continue;
                }
                List<String[]> acl = s.settings().stream().filter(kv -> kv[1].equals("permit") || kv[1].equals("deny"))
                        .toList();
                // manager.c applies the lines in order, the last match wins: deny everything first, then permit.
                if (acl.isEmpty() || !acl.get(0)[1].equals("deny")
                        || !acl.get(0)[2].matches("0\\.0\\.0\\.0/(0|0\\.0\\.0\\.0)")) {
                    out.add((acl.isEmpty() ? s.where() : acl.get(0)[0]) + " [" + s.name() + "] must start its ACL with"
                            + " deny = 0.0.0.0/0.0.0.0 so that only the permit lines after it let anyone in");
                }
                for (String[] kv : acl) {
                    if (kv[1].equals("permit") && !isPrivate(kv[2].replaceAll("/.*", ""))) {
                        out.add(kv[0] + " [" + s.name() + "] permits " + kv[2] + ", not a loopback or private network");
                    }
                }
            }
            return out;
        }

        static boolean isPrivate(String address) {
            String a = address.strip();
            if (a.equals("::1") || a.toLowerCase().matches("f[cd][0-9a-f]{2}:.*")) {
                return true;
            }
            Matcher m = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}").matcher(a);
            if (!m.matches()) {
                return false;
            }
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(2));
            return first == 127 || first == 10 || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168);
        }
    }
}
