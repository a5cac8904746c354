package io.aftercare.demo;

import io.aftercare.followups.FollowUpDao;
import io.aftercare.followups.FollowUpKind;
import io.aftercare.followups.FollowUpState;
import io.aftercare.followups.NewFollowUp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's follow-ups: a voicemail spool with two messages from customers' numbers, as Asterisk writes them
 * (msgNNNN.txt and a WAV, here a short tone), which the service reads at start, and three callers who abandoned a
 * queue earlier today. The simulated calls add abandons of their own. Stateless.
 */
public final class DemoFollowUps {
    private static final String[] QUEUES = {"repairs", "general-support", "returns"};

    private DemoFollowUps() {}

    /** Writes the spool into {@code spool} (the mailbox's folder) and the abandoned callers' follow-ups. */
    public static void seed(Jdbi jdbi, Path spool, Clock clock) {
        List<String[]> callers = jdbi.withHandle(h -> h.createQuery("SELECT p.e164, c.name FROM customer_phones p"
                + " JOIN customers c ON c.id = p.customer_id ORDER BY p.customer_id LIMIT 5")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
        Instant now = clock.instant();
        try {
            Path inbox = Files.createDirectories(spool.resolve("INBOX"));
            for (int i = 0; i < Math.min(2, callers.size()); i++) {
                Instant left = now.minus(Duration.ofMinutes(25L + 50L * i));
                String base = String.format(Locale.ROOT, "msg%04d", i);
                Files.writeString(inbox.resolve(base + ".txt"), message(callers.get(i), left, 4 + 3 * i, i));
                Files.write(inbox.resolve(base + ".wav"), tone(4 + 3 * i, 440 + 110 * i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo voicemail spool " + spool, e);
        }
        FollowUpDao dao = new FollowUpDao(jdbi);
        for (int i = 2; i < callers.size(); i++) {
            Instant at = now.minus(Duration.ofMinutes(12L + 35L * i));
            dao.insert(new NewFollowUp(FollowUpKind.ABANDONED, "pbx1", "demo-abandon-" + i, QUEUES[i - 2],
                    callers.get(i)[0], callers.get(i)[1], null, null, at, at.minusSeconds(95), null, null, null),
                    FollowUpState.OPEN, now);
        }
    }

    /** A message's .txt as app_voicemail 22 writes it (src/test/resources/voicemail-spool/ holds a real one). */
    private static String message(String[] caller, Instant left, int seconds, int n) {
        return """
                ;
                ; Message Information file
                ;
                [message]
                origmailbox=aftercare
                context=aftercare-queue-timeout
                exten=s
                rdnis=unknown
                priority=2
                callerchan=PJSIP/trunk-0000000%d
                callerid="%s" <%s>
                origdate=%s
                origtime=%d
                category=
                msg_id=%d-0000000%d
                flag=
                duration=%d
                """.formatted(n, caller[1].replace("\"", ""), caller[0], left, left.getEpochSecond(),
                left.getEpochSecond(), n, seconds);
    }

    /** {@code seconds} of a quiet sine tone, 8 kHz 16-bit mono PCM in a WAV container (as format = wav). */
    static byte[] tone(int seconds, int hertz) {
        int samples = 8000 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (3000 * Math.sin(2 * Math.PI * hertz * i / 8000.0)));
        }
        return b.array();
    }
}
