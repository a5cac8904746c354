package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.ConfigLoader;
import io.aftercare.persistence.Database;
import io.aftercare.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every prompt that the seeded IVR menus, the dialplan and the survey script play is shipped in
 * {@code dialplan/sounds/} as Asterisk finds it ({@code sounds/<language>/<name>} or, for names that carry their
 * language, {@code sounds/<name>}) or is one of Asterisk's core sounds, and every file listed in {@code prompts.tsv}
 * is there.
 */
class ShippedPromptsTest {
    private static final Path SOUNDS = Path.of("dialplan", "sounds");
    /** Asterisk's core sounds (Debian's asterisk-core-sounds-en-gsm, as the real-PBX test bundle installs them). */
    private static final Path CORE_SOUNDS = Path.of(System.getProperty("aftercare.test.core.sounds",
            "/usr/share/asterisk/sounds"));
    private static final Pattern PLAYED = Pattern.compile("Playback\\((aftercare/[A-Za-z0-9_/-]+)\\)");

    private static List<String> languages() {
        return List.of(ConfigLoader.defaults().surveys().languages().split(","));
    }

    private static List<String> missing(List<String> files) {
        return files.stream().filter(f -> !Files.isRegularFile(SOUNDS.resolve(f + ".gsm"))).toList();
    }

    @Test
    void everyPromptOfTheSeededMenusIsShippedOrACoreSound(@TempDir Path dir) {
        List<Map<String, Object>> seeded;
        try (Database database = Database.open(TestDatabases.sqliteConfig(dir))) {
            database.migrate(); // every migration, so a later one that renames a prompt counts
            seeded = database.jdbi().withHandle(h -> h.createQuery("SELECT menu, kind, language, sound"
                    + " FROM ivr_prompts ORDER BY menu, kind, language").mapToMap().list());
        }
        assertThat(seeded).extracting(p -> p.get("sound"))
                .contains("aftercare/en/main-menu", "aftercare/en/press-1-repair", "aftercare/en/invalid-option");
        assertThat(seeded).filteredOn(p -> !playable((String) p.get("language"), (String) p.get("sound")))
                .as("prompts of the seeded menus that Asterisk would not find (neither in dialplan/sounds/ nor"
                        + " among the core sounds in " + CORE_SOUNDS + ")").isEmpty();
    }

    /**
     * Where Asterisk looks for {@code sound} played in {@code language}: {@code sounds/<language>/<sound>}, then
     * {@code sounds/<sound>}; ours as copied from {@code dialplan/sounds/}, or a core sound where the test bundle's
     * {@code start-asterisk} installs them.
     */
    private static boolean playable(String language, String sound) {
        if (Files.isRegularFile(SOUNDS.resolve(language + "/" + sound + ".gsm"))
                || Files.isRegularFile(SOUNDS.resolve(sound + ".gsm"))) {
            return true;
        }
        for (Path folder : List.of(CORE_SOUNDS.resolve(language), CORE_SOUNDS)) {
            Path file = folder.resolve(sound);
            try (Stream<Path> files = Files.isDirectory(file.getParent()) ? Files.list(file.getParent())
                    : Stream.empty()) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith(file.getFileName() + "."))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    @Test
    void theDialplansAndTheSurveysPromptsAreShippedInEverySurveyLanguage() throws IOException {
        List<String> names = new ArrayList<>();
        Matcher m = PLAYED.matcher(Files.readString(Path.of("dialplan", "extensions_aftercare.conf")));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("aftercare/after-hours", "aftercare/callback-confirmed");
        names.addAll(List.of(SurveyAgiScript.INTRO, SurveyAgiScript.CSAT, SurveyAgiScript.NPS,
                SurveyAgiScript.RESOLVED, SurveyAgiScript.THANKS, SurveyAgiScript.OPTED_OUT,
                SurveyAgiScript.ALREADY_ANSWERED));
        names.add("aftercare/survey-reason-disposition");
        names.addAll(io.aftercare.callbacks.VholdAgiScript.PROMPTS); // the callback offer
        SurveyScheduler.AFTERSALES_TYPES.forEach(t -> names.add("aftercare/survey-reason-" + t.replace('_', '-')));
        List<String> files = new ArrayList<>();
        for (String language : languages()) {
            names.forEach(n -> files.add(language + "/" + n));
        }
        assertThat(missing(files)).isEmpty();
    }

    @Test
    void everyListedPromptWasGenerated() throws IOException {
        List<String> listed = Files.readAllLines(SOUNDS.resolve("prompts.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2)[0]).toList();
        assertThat(listed).hasSizeGreaterThan(40);
        assertThat(missing(listed)).isEmpty();
    }
}
