package io.aftercare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aftercare queue|agent|account}: an empty database to a queue, an agent and their account, by command. */
class AdminCommandsIntegrationTest {
    @TempDir
    Path dir;
    Path config;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(dir.resolve("aftercare.yaml"), "db:\n  url: jdbc:sqlite:" + dir.resolve("a.db")
                + "\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] withConfig = java.util.Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        return cli.execute(withConfig);
    }

    @Test
    void anAdminSetsUpAQueueAnAgentAndTheirAccountFromTheCommandLine() {
        assertThat(run("queue", "add", "400", "--description", "Support", "--strategy", "rrmemory",
                "--wrapup-seconds", "30", "--service-level-amber", "0.9")).isZero();
        assertThat(out.toString()).startsWith("400\tSupport\tstrategy=rrmemory sl=20s shortAbandon=5s wrapup=30s..300s");
        assertThat(err.toString()).isEqualTo("warning: not checked: no PBX is configured" + System.lineSeparator());
        assertThat(run("queue", "set", "400", "--waiting-red", "12")).isZero();
        assertThat(out.toString()).contains("waiting=3/12");
        assertThat(run("queue", "hours", "400", "--time-zone", "Europe/Berlin", "--open",
                "MONDAY-FRIDAY=09:00-17:00", "--open", "SATURDAY=10:00-14:00", "--holiday", "2026-12-25=Christmas"))
                .isZero();
        assertThat(out.toString()).isEqualTo("400\tEurope/Berlin\tvoicemail\tMONDAY=09:00-17:00 TUESDAY=09:00-17:00"
                + " WEDNESDAY=09:00-17:00 THURSDAY=09:00-17:00 FRIDAY=09:00-17:00 SATURDAY=10:00-14:00"
                + "\tholidays: 2026-12-25" + System.lineSeparator());
        assertThat(run("queue", "hours", "400", "--open", "MONDAY=17:00-09:00")).isEqualTo(1);
        assertThat(err.toString()).startsWith("aftercare: weekly windows need day MONDAY..SUNDAY");
        assertThat(run("queue", "hours", "400", "--open", "MON=09:00-17:00")).isEqualTo(1);
        assertThat(err.toString()).startsWith("aftercare: a day is MONDAY to SUNDAY, got 'MON'");

        assertThat(run("agent", "add", "1001", "--name", "Ann Agent", "--member-interface",
                "Local/1001@from-queue/n", "--state-interface", "PJSIP/1001", "--queue", "400:2")).isZero();
        assertThat(out.toString()).isEqualTo("1001\tAnn Agent\tLocal/1001@from-queue/n (state PJSIP/1001)\ten"
                + "\tqueues: 400:2" + System.lineSeparator());
        assertThat(run("agent", "assign", "1001", "400:1", "general-support")).isZero();
        assertThat(out.toString()).contains("queues: 400:1 general-support:0");
        assertThat(run("agent", "set", "1001", "--language", "de")).isZero();
        assertThat(run("agent", "list")).isZero();
        assertThat(out.toString()).contains("1001\tAnn Agent").contains("\tde\t");

        assertThat(run("account", "add", "ann", "--role", "agent", "--agent-login", "1001", "--password",
                "a-long-password")).isZero();
        assertThat(out.toString()).startsWith("created account ann (agent, id ");
        assertThat(run("account", "list")).isZero();
        assertThat(out.toString()).contains("ann\tagent\tann\tagent id ");
        assertThat(run("queue", "list")).isZero();
        assertThat(out.toString()).contains("400\tSupport", "general-support\t");

        assertThat(run("account", "add", "shop", "--role", "integration")).isZero();
        assertThat(run("account", "token", "shop", "--label", "web shop", "--days", "30")).isZero();
        assertThat(out.toString().strip()).matches("[A-Za-z0-9_-]{43}");
        assertThat(run("account", "add", "tv", "--role", "display", "--password", "a-long-password")).isEqualTo(1);
        assertThat(err.toString()).contains("signs in with API tokens, not a password");
        assertThat(run("account", "token", "nobody")).isEqualTo(1);
        assertThat(err.toString()).contains("no account nobody");
    }

    @Test
    void everyAdministrationCommandHasHelp() {
        for (String[] command : new String[][] {{"queue"}, {"queue", "hours"}, {"agent"}, {"agent", "assign"},
            {"account"}, {"account", "add"}, {"account", "token"}}) {
            StringWriter help = new StringWriter();
            CommandLine cli = Cli.commandLine();
            cli.setOut(new PrintWriter(help, true));
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            assertThat(cli.execute(args)).isZero();
            assertThat(help.toString()).contains("Usage: aftercare " + String.join(" ", command));
        }
    }

    @Test
    void refusedChangesExitOneWithTheSameMessagesAsTheApi() {
        assertThat(run("queue", "add", "40 0")).isEqualTo(1);
        assertThat(err.toString()).startsWith("aftercare: queue 40 0 not valid: name must be");
        assertThat(run("agent", "add", "1001", "--name", "A", "--member-interface", "PJSIP/1001,PJSIP/1002"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("memberInterface must be Tech/resource");
        assertThat(run("agent", "add", "1001", "--name", "A", "--member-interface", "PJSIP/1001")).isZero();
        assertThat(run("agent", "assign", "1001", "400")).isEqualTo(1);
        assertThat(err.toString()).contains("no queue 400");
        assertThat(run("queue", "remove", "general-support")).isEqualTo(1);
        assertThat(err.toString()).contains("is still used by routing rules Unknown caller");
        assertThat(run("agent", "remove", "1001")).isZero();
        assertThat(run("agent", "remove", "1001")).isEqualTo(1);
        assertThat(err.toString()).contains("no agent with login 1001");
    }
}
