package io.aftercare.pbx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * The configuration an admin would give Asterisk after reading {@code dialplan/README.md}, written from the
 * project's own {@code dialplan/} files: only the FastAGI address, the AMI port and the secret change. Test-only
 * additions, each marked in the files: contexts standing in for the trunk, callers and agents' phones, and the
 * harness's AMI account. Immutable.
 */
record PbxConfig(Path dialplan, int amiPort, String amiSecret, String harnessUser, String harnessSecret) {
    /** Agents {@code Local/agent1@agents} ... with device states {@code Custom:agent1} ... exist in the dialplan. */
    static final int AGENTS = 8;

    /**
     * Writes extensions.conf (with the include and the test contexts), extensions_aftercare.conf, features.conf,
     * queues.conf, voicemail.conf and manager.conf into {@code conf}.
     */
    void write(Path conf, int agiPort) throws IOException {
        // dialplan/README.md, Installation 1 and 2: the file as shipped, included; AC_AGI set in [globals]
        Files.copy(dialplan.resolve("extensions_aftercare.conf"), conf.resolve("extensions_aftercare.conf"));
        Files.writeString(conf.resolve("extensions.conf"), extensions("127.0.0.1:" + agiPort));
        // 6: the attended-transfer code as shipped (features.conf.sample)
        Files.writeString(conf.resolve("features.conf"), features());
        // 3: the queues as shipped, and the aftercare@default mailbox
        Files.copy(dialplan.resolve("queues.conf.sample"), conf.resolve("queues.conf"));
        Files.copy(dialplan.resolve("voicemail.conf.sample"), conf.resolve("voicemail.conf"));
        // 4: the sample's account with a real secret (and a free port for this run)
        String manager = Files.readString(dialplan.resolve("manager.conf.sample"));
        String withPort = manager.replaceFirst("(?m)^port = 5038\\b", "port = " + amiPort);
        String withSecret = withPort.replaceFirst("(?m)^secret = change-me\\b", "secret = " + amiSecret);
        if (withPort.equals(manager) || withSecret.equals(withPort)) {
            Assertions.fail("dialplan/manager.conf.sample no longer has 'port = 5038' and 'secret = change-me'");
        }
        Files.writeString(conf.resolve("manager.conf"), withSecret + """

                ; test harness only, not part of the sample: places calls, records every event
                [%s]
                secret = %s
                deny = 0.0.0.0/0.0.0.0
                permit = 127.0.0.1/255.255.255.255
                read = all
                write = all
                """.formatted(harnessUser, harnessSecret));
    }

    /**
     * features.conf as {@code dialplan/features.conf.sample} ships it (the {@code atxfer} code AMI Atxfer plays;
     * Asterisk has none by default), with one test-only change: Asterisk waits {@code transferdigittimeout} for more
     * digits of a number dialled without aftercare's closing '#' (TransferPbxTest's Atxfer to 7), 3 s by default: 1 s
     * keeps tests short.
     */
    private String features() throws IOException {
        String shipped = Files.readString(dialplan.resolve("features.conf.sample"));
        String fast = shipped.replaceFirst("(?m)^;transferdigittimeout => 3$",
                "transferdigittimeout => 1 ; test harness only (io.aftercare.pbx.PbxConfig)");
        if (fast.equals(shipped)) {
            Assertions.fail("dialplan/features.conf.sample no longer has ';transferdigittimeout => 3'");
        }
        return fast;
    }

    /**
     * extensions.conf: the FastAGI address in {@code [globals]} and the include (README steps 1 and 2), then the
     * contexts that stand in for trunks and phones.
     */
    private static String extensions(String agiAddress) {
        StringBuilder agents = new StringBuilder();
        for (int n = 1; n <= AGENTS; n++) {
            agents.append("exten => agent").append(n).append(",1,GotoIf($[\"${AGENT_NOANSWER}\" = \"${EXTEN}\"]?ring)\n")
                    .append(" same => n,Answer()\n")
                    .append(" same => n,GotoIf($[\"${AGENT_HOLD}\" = \"\"]?talk)\n")
                    .append(" same => n,Wait(1)\n")
                    .append(" same => n,Set(HOLD_INTERCEPT(set)=)\n")
                    .append(" same => n,WaitExten(${AGENT_HOLD},m(default))\n")
                    .append(" same => n(talk),Wait(${IF($[\"${AGENT_TALK}\" = \"\"]?4:${AGENT_TALK})})\n")
                    .append(" same => n,Hangup()\n")
                    .append(" same => n(ring),Wait(120)\n");
        }
        return """
                [general]
                static = yes
                writeprotect = no

                [globals]
                AC_AGI=AGI_ADDRESS

                #include "extensions_aftercare.conf"

                ; Test-only contexts (io.aftercare.pbx.RealPbx).
                ; The trunk: a hotline DID goes to aftercare as dialplan/README.md step 1 says.
                [inbound-test]
                exten => _X.,1,Goto(aftercare-inbound,${EXTEN},1)

                ; A caller, the ;1 end of an originated Local/HOTLINE@inbound-test: stays CALLER_WAIT seconds (60),
                ; pressing DTMF after DTMF_DELAY seconds (3) first at exten dtmf; then hangs up.
                [caller-test]
                exten => wait,1,Wait(${IF($["${CALLER_WAIT}" = ""]?60:${CALLER_WAIT})})
                 same => n,Hangup()
                ; A caller who leaves a message: silent MESSAGE_DELAY seconds (the queue's time-out and the mailbox's
                ; greeting), then speaks (a core sound) and hangs up.
                exten => message,1,Wait(${MESSAGE_DELAY})
                 same => n,Playback(tt-monkeys)
                 same => n,Hangup()
                exten => dtmf,1,Wait(${IF($["${DTMF_DELAY}" = ""]?3:${DTMF_DELAY})})
                 same => n,SendDTMF(${DTMF})
                 same => n,Wait(${IF($["${CALLER_WAIT}" = ""]?60:${CALLER_WAIT})})
                 same => n,Hangup()

                ; Customers' phones for survey calls (surveys.channel_template Local/${digits}@customer-test). The
                ; survey's questions come after about 12 s of intro and reason: +12125550160 answers CSAT 4, NPS 9,
                ; resolved yes (1); +12125550161 is busy; +12125550162 rings and never answers.
                [customer-test]
                exten => 12125550160,1,Answer()
                 same => n,Wait(15)
                 same => n,SendDTMF(4)
                 same => n,Wait(2)
                 same => n,SendDTMF(9#)
                 same => n,Wait(2)
                 same => n,SendDTMF(1)
                 same => n,Wait(20)
                 same => n,Hangup()
                exten => 12125550161,1,Busy(5)
                exten => 12125550162,1,Wait(60)
                 same => n,Hangup()

                ; Where tests transfer a caller (AMI Redirect, BlindTransfer): the queue named by the exten. An
                ; attended transfer dials DTMF digits: 7 is the vip queue. One digit: Asterisk reads the first while its
                ; transfer prompt plays; later ones, read under its dial tone on a Local channel, were once held back
                ; half a minute.
                [transfer-test]
                exten => _[a-z].,1,Queue(${EXTEN},,,,60)
                 same => n,Hangup()
                exten => 7,1,Goto(vip,1)

                ; A supervisor's phone (test-only), rung by aftercare's spy Originate (POST /api/calls/{id}/spy as
                ; Local/supervisor@supervisor-test): answers and stays on the line while the ;1 end runs ChanSpy.
                [supervisor-test]
                exten => supervisor,1,Answer()
                 same => n,Wait(60)
                 same => n,Hangup()

                ; Agents' phones, queue members Local/agentN@agents with StateInterface Custom:agentN: answer, talk
                ; AGENT_TALK seconds (4; the caller's __AGENT_TALK reaches them by inheritance), hang up; the agent
                ; AGENT_NOANSWER names (e.g. agent4) lets it ring. With AGENT_HOLD, the agent talks 1 s first, then
                ; holds AGENT_HOLD seconds as a phone would: WaitExten's m indicates HOLD on the agent's ;2, and
                ; HOLD_INTERCEPT turns that into Asterisk's Hold and Unhold events on it (a Local channel has no
                ; device to signal hold; HOLD_INTERCEPT eats the frame, so the caller hears silence, not music).
                [agents]
                """.replace("AGI_ADDRESS", agiAddress) + agents;
    }

    /**
     * README step 5, {@code cp -r dialplan/sounds/{en,fr,de,aftercare} SOUNDS/}, into the run's sounds folder. The
     * bundle links language folders of the machine's own prompts there; each one ours goes into becomes a real
     * folder of links first, so the copy never writes into the system's sounds.
     */
    void copyPrompts(Path sounds) throws IOException {
        Path shipped = dialplan.resolve("sounds");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = shipped.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // prompts.tsv, make-prompts.sh: not prompts
                }
                Path target = sounds.resolve(rel.toString());
                for (int i = 1; i < rel.getNameCount(); i++) {
                    materialise(sounds.resolve(rel.subpath(0, i).toString()));
                }
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void materialise(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Path linked = dir.toRealPath();
            Files.delete(dir);
            Files.createDirectory(dir);
            try (Stream<Path> entries = Files.list(linked)) {
                for (Path e : entries.toList()) {
                    Files.createSymbolicLink(dir.resolve(e.getFileName().toString()), e);
                }
            }
        } else if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
        }
    }
}
