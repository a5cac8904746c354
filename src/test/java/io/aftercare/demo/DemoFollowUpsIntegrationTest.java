package io.aftercare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.followups.FollowUpDao;
import io.aftercare.followups.FollowUpKind;
import io.aftercare.followups.VoicemailSpool;
import io.aftercare.followups.Voicemails;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's follow-ups: a spool the voicemail reader takes as Asterisk's, and abandoned callers, all open. */
class DemoFollowUpsIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void theDemoShowsTwoVoicemailsWithTheirRecordingsAndThreeAbandonedCallers() throws Exception {
        try (Database db = Database.open(TestDatabases.sqliteConfig(dir))) {
            db.migrate();
            Clock clock = Clock.systemUTC();
            new DemoDataGenerator(db.jdbi(), clock, 7).generate(20);
            Path spool = dir.resolve("spool");
            DemoFollowUps.seed(db.jdbi(), spool, clock);
            FollowUpDao dao = new FollowUpDao(db.jdbi());
            Voicemails voicemails = new Voicemails(dao, new VoicemailSpool(spool), "aftercare@default", "pbx1",
                    new PhoneNumbers("US"), Duration.ofMinutes(10), clock, null); // scan() is called directly
            assertThat(voicemails.scan()).isEqualTo(2);
            assertThat(dao.backlog()).extracting(FollowUpDao.Backlog::kind, FollowUpDao.Backlog::open)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(FollowUpKind.VOICEMAIL, 2),
                            org.assertj.core.groups.Tuple.tuple(FollowUpKind.ABANDONED, 1));
            Path audio = new VoicemailSpool(spool).inbox().get(1).audioFile() == null ? null
                    : spool.resolve("INBOX/msg0001.wav");
            assertThat(audio).isNotNull();
            assertThat(Files.size(audio)).isEqualTo(44 + 2 * 8000 * 7);
        }
    }
}
