package io.aftercare.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.hours.AfterHoursBranch;
import io.aftercare.hours.QueueHoursService;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure inside the ivr script still answers with the fallback queue and AC_IVR_RESULT=fallback (real SQLite). */
class IvrFailureIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void aMenuThatFailsMidwayTellsTheDialplanFallback() throws Exception {
        try (Database db = Database.open(TestDatabases.sqliteConfig(dir))) {
            db.migrate();
            Clock clock = Clock.systemUTC();
            IvrMenuService menus = new IvrMenuService(db.jdbi(), clock);
            menus.reload();
            // hours never loaded and their table gone: the after-hours step at the end of the menu throws
            db.jdbi().useHandle(h -> h.execute("DROP TABLE queue_holidays"));
            QueueHoursService hours = new QueueHoursService(db.jdbi(), clock, Runnable::run);
            var afterHours = new AfterHoursBranch(hours, Runnable::run, clock, Duration.ofMillis(300));
            IvrAgiScript script = new IvrAgiScript(menus, menus::openCase, afterHours, Runnable::run,
                    new PhoneNumbers("US"), clock, "pbx1", "general-support", io.aftercare.routing.LiveAgents.NONE);
            try (FastAgiServer agi = FastAgiServer.start(ConfigLoader.defaults().withAgiPort(0).agi(),
                    ScriptRegistry.builder().register("ivr", script).build())) {
                var result = FakeAgiClient.builder().script("ivr").uniqueId("1795340440.301").callerId("anonymous")
                        .channelVariable(DialplanVariables.IVR_MENU, "main").getDataReplies("2").build()
                        .run("127.0.0.1", agi.port());
                assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "general-support")
                        .containsEntry(DialplanVariables.IVR_RESULT, "fallback");
            }
        }
    }
}
