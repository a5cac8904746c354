package io.aftercare.followups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox's folder in Asterisk's voicemail spool ({@code followups.voicemail_spool}): app_voicemail writes each
 * message as {@code <folder>/msgNNNN.txt} (its [message] section: callerid, origtime, duration, msg_id...) beside
 * its audio ({@code msgNNNN.wav}, one file per {@code format} of voicemail.conf). Messages move to {@code Old} once
 * heard on a phone and are renumbered when others are deleted, so a message is found by its {@code msg_id}, never
 * by a stored path. Read-only; thread-safe.
 */
public final class VoicemailSpool {
    private static final Logger LOG = LoggerFactory.getLogger(VoicemailSpool.class);
    private static final Pattern MESSAGE = Pattern.compile("msg(\\d{4})\\.txt");
    private static final Pattern CALLER = Pattern.compile("\\s*(?:\"?([^\"<]*?)\"?\\s*)?<([^>]*)>\\s*");
    /** The folders app_voicemail keeps messages in; INBOX holds the new ones. */
    private static final List<String> FOLDERS = List.of("INBOX", "Old", "Urgent", "Work", "Family", "Friends");
    /** Audio formats a browser plays, best first; wav49 ({@code .WAV}) and gsm are GSM, served all the same. */
    private static final List<String> AUDIO = List.of("wav", "mp3", "ogg", "WAV", "gsm", "wav16", "ulaw", "alaw");

    /**
     * A message as its .txt describes it.
     *
     * @param audioFile   the audio's file name next to it, or null when none was written yet
     * @param callerRaw   the callerid line as written ({@code "Name" <number>}, a bare number, or Unknown)
     * @param callerNumber the number part of the caller ID, possibly empty
     */
    public record Message(String msgId, String folder, String file, String audioFile, String callerRaw,
                          String callerNumber, String callerName, Instant origTime, int durationSeconds,
                          String context, String exten) {}

    private final Path dir;

    public VoicemailSpool(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The messages in INBOX (new, not heard on a phone yet), in file order; unreadable ones are logged and skipped. */
    public List<Message> inbox() {
        return messages("INBOX");
    }

    /** The audio of the message with this msg_id, in whichever folder it is now. */
    public Optional<Path> audio(String msgId) {
        for (String folder : FOLDERS) {
            for (Message m : messages(folder)) {
                if (m.msgId().equals(msgId) && m.audioFile() != null) {
                    return Optional.of(dir.resolve(folder).resolve(m.audioFile()));
                }
            }
        }
        return Optional.empty();
    }

    private List<Message> messages(String folder) {
        Path path = dir.resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "msg[0-9][0-9][0-9][0-9].txt")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list voicemail folder " + path, e);
        }
        files.sort(null);
        List<Message> messages = new ArrayList<>();
        for (Path txt : files) {
            try {
                parse(folder, txt.getFileName().toString(), Files.readString(txt, StandardCharsets.UTF_8),
                        name -> Files.isRegularFile(path.resolve(name))).ifPresent(messages::add);
            } catch (IOException | RuntimeException e) { // being written or removed right now: next time
                LOG.debug("voicemail {} not read: {}", txt, e.toString());
            }
        }
        return messages;
    }

    /** Whether a file of that name exists beside the message. */
    @FunctionalInterface
    interface Sibling {
        boolean exists(String name);
    }

    /**
     * A message from its .txt (Asterisk's format, as in {@code src/test/resources/voicemail-spool/}); empty without a
     * msg_id or origtime (written by something else, or half written).
     */
    static Optional<Message> parse(String folder, String file, String text, Sibling siblings) {
        Matcher name = MESSAGE.matcher(file);
        if (!name.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith(";") && !line.startsWith("[")) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String msgId = values.getOrDefault("msg_id", "");
        String origTime = values.getOrDefault("origtime", "");
        if (msgId.isEmpty() || !origTime.matches("\\d{1,12}")) {
            return Optional.empty();
        }
        String base = "msg" + name.group(1) + ".";
        String audio = AUDIO.stream().map(ext -> base + ext).filter(siblings::exists).findFirst().orElse(null);
        String raw = values.getOrDefault("callerid", "");
        String number = raw;
        String callerName = "";
        Matcher caller = CALLER.matcher(raw);
        if (caller.matches()) {
            number = caller.group(2).strip();
            callerName = caller.group(1) == null ? "" : caller.group(1).strip();
        }
        int duration;
        try {
            duration = Integer.parseInt(values.getOrDefault("duration", "0"));
        } catch (NumberFormatException e) {
            duration = 0;
        }
        return Optional.of(new Message(msgId, folder, file, audio, raw, number.strip(), callerName,
                Instant.ofEpochSecond(Long.parseLong(origTime)), duration, values.getOrDefault("context", ""),
                values.getOrDefault("exten", "")));
    }
}
