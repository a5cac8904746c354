package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code aftercare/...} prompt that the demo IVR menu, the dialplan and the survey script play is shipped in
 * {@code dialplan/sounds/} as Asterisk finds it ({@code sounds/<language>/<name>} or, for names that carry their
 * language, {@code sounds/<name>}), and every file listed in {@code prompts.tsv} is there.
 */
class ShippedPromptsTest {
    private static final Path SOUNDS = Path.of("dialplan", "sounds");
    private static final Pattern SEEDED = Pattern.compile("'(aftercare/[A-Za-z0-9_/-]+)'");
    private static final Pattern PLAYED = Pattern.compile("Playback\\((aftercare/[A-Za-z0-9_/-]+)\\)");

    private static List<String> languages() {
        return List.of(ConfigLoader.defaults().surveys().languages().split(","));
    }

    private static List<String> missing(List<String> files) {
        return files.stream().filter(f -> !Files.isRegularFile(SOUNDS.resolve(f + ".gsm"))).toList();
    }

    @Test
    void theDemoMenusPromptsAreShippedUnderTheirOwnLanguagePath() throws IOException {
        TreeSet<String> seeded = new TreeSet<>();
        try (Stream<Path> sql = Files.list(Path.of("sql"))) {
            for (Path p : sql.toList()) {
                Matcher m = SEEDED.matcher(Files.readString(p));
                while (m.find()) {
                    seeded.add(m.group(1));
                }
            }
        }
        assertThat(seeded).contains("aftercare/en/main-menu", "aftercare/en/press-1-repair");
        assertThat(missing(List.copyOf(seeded))).isEmpty();
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
