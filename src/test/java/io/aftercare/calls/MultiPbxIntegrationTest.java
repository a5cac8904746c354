package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aftercare.ami.AmiConnector;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigException;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiPbxIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void morePbxsAreReadFromConfigAsIdUserSecretHostPort() {
        AftercareConfig.Ami ami = ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_AMI_MORE_PBXS",
                "pbx2=aftercare:s3:cr@t@10.0.0.2:5038, pbx3=u:x@host3:5039")).ami();
        assertThat(ami.more()).containsExactly(new AftercareConfig.Pbx("pbx2", "10.0.0.2", 5038, "aftercare", "s3:cr@t"),
                new AftercareConfig.Pbx("pbx3", "host3", 5039, "u", "x"));
        assertThat(ami.toString()).doesNotContain("s3:cr@t");
        assertThat(ConfigLoader.defaults().ami().more()).isEmpty();
        for (String bad : List.of("pbx1=u:s@h:5038", "pbx2=u:s@h:5038,pbx2=u:s@h:5039", "pbx2=nohost", "x=u:s@h:99999")) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_AMI_MORE_PBXS", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("ami.more_pbxs");
        }
    }

    @Test
    void oneAftercareOnTwoPbxsKeepsTheirCallsApartByPbxId() throws Exception {
        try (FakeAmiServer first = FakeAmiServer.builder().securityEvents(false).start();
             FakeAmiServer second = FakeAmiServer.builder().securityEvents(false).start();
             Database database = Database.open(TestDatabases.sqliteConfig(dir))) {
            database.migrate();
            AftercareConfig.Ami config = ConfigLoader.load(Optional.empty(), Map.of(
                    "AFTERCARE_AMI_HOST", "127.0.0.1", "AFTERCARE_AMI_PORT", Integer.toString(first.port()),
                    "AFTERCARE_AMI_USER", "hotline", "AFTERCARE_AMI_SECRET", "s3cret",
                    "AFTERCARE_AMI_MORE_PBXS", "east=hotline:s3cret@127.0.0.1:" + second.port())).ami();
            try (CallTrackingModule module = new CallTrackingModule(database.jdbi(), new PhoneNumbers("US"),
                    Clock.systemUTC(), dir.resolve("records-spill"));
                 AmiConnector ami = AmiConnector.of(config, module.tracking(), Clock.systemUTC()).orElseThrow()) {
                module.takeOver(ami.pbxIds());
                ami.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> ami.states().equals(
                        Map.of("pbx1", "connected", "east", "connected")) && first.loggedInClients() == 1
                        && second.loggedInClients() == 1);
                // The same Linkedid on both PBXs: two different calls.
                new AmiScript(first).answeredCall("1795341450.0", "2025550100", "vip", "Local/agent1@agents");
                new AmiScript(second).answeredCall("1795341450.0", "3125550199", "general-support",
                        "Local/agent1@agents");
                await().atMost(Duration.ofSeconds(10)).until(() -> contacts(database).stream()
                        .filter(c -> c.endedAt() != null).count() == 2);
                List<ContactRecord> contacts = contacts(database);
                assertThat(contacts).extracting(ContactRecord::pbxId, ContactRecord::callerRaw, ContactRecord::queue)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pbx1", "2025550100", "vip"),
                                org.assertj.core.groups.Tuple.tuple("east", "3125550199", "general-support"));
                await().atMost(Duration.ofSeconds(10)).until(() -> module.tracking().agents().get().stream()
                        .filter(a -> a.agent().equals("Local/agent1@agents")).count() == 2);
            }
        }
    }

    static List<ContactRecord> contacts(Database database) {
        return database.jdbi().withExtension(CallDao.class, d -> d.contacts(TrackingStack.FROM, TrackingStack.TO));
    }
}
