package io.aftercare.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void referenceFileHoldsTheDocumentedDefaults() {
        AftercareConfig config = ConfigLoader.defaults();
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.agi().port()).isEqualTo(4573);
        assertThat(config.agi().bind()).isEqualTo("127.0.0.1");
        assertThat(config.agi().routeBudget()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.db().url()).startsWith("jdbc:sqlite:");
        assertThat(config.phone().defaultRegion()).isEqualTo("US");
        assertThat(config.ami().configured()).isFalse();
    }

    @Test
    void fileOverridesReferenceAndEnvironmentOverridesFile() throws Exception {
        Path file = dir.resolve("aftercare.yaml");
        Files.writeString(file, "http:\n  port: 9000\nphone:\n  default_region: gb\n");
        AftercareConfig config = ConfigLoader.load(Optional.of(file), Map.of(
                "AFTERCARE_HTTP_PORT", "9100", "AFTERCARE_AMI_HOST", "10.0.0.5",
                "AFTERCARE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test", "PATH", "/bin"));
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.phone().defaultRegion()).isEqualTo("GB");
        assertThat(config.ami().host()).isEqualTo("10.0.0.5");
        assertThat(config.db().isPostgres()).isTrue();
    }

    @Test
    void badEnvironmentValueStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port").hasMessageContaining("AFTERCARE_HTTP_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_AGI_PORT", "70000")))
                .hasMessageContaining("AFTERCARE_AGI_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_PHONE_DEFAULT_REGION", "XX")))
                .hasMessageContaining("phone.default_region");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_DB_URL", "jdbc:mysql://x")))
                .hasMessageContaining("AFTERCARE_DB_URL");
    }

    @Test
    void wallboardPauseLimitsAreReasonMinutesPairs() {
        AftercareConfig.Wallboard w = ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_WALLBOARD_PAUSE_LIMITS",
                " Break = 15, lunch=60 ,Team meeting=45,", "AFTERCARE_WALLBOARD_PAUSE_GRACE_MINUTES", "0")).wallboard();
        assertThat(w.pauseLimits()).containsOnly(Map.entry("break", Duration.ofMinutes(15)),
                Map.entry("lunch", Duration.ofMinutes(60)), Map.entry("team meeting", Duration.ofMinutes(45)));
        assertThat(w.pauseLimitOther()).isEqualTo(Duration.ofMinutes(10));
        assertThat(w.pauseGrace()).isZero();
        for (String bad : new String[] {"break", "break=0", "break=15,BREAK=20", "=15", "lunch=1441", "a=b"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_WALLBOARD_PAUSE_LIMITS",
                    bad))).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("wallboard.pause_limits");
        }
    }

    @Test
    void callControlsHoldByNotifyUnlessToldNoneAndTheirContextsAreDialplanNames() {
        AftercareConfig.Calls calls = ConfigLoader.defaults().calls();
        assertThat(calls.holdMethod()).isEqualTo(AftercareConfig.HoldMethod.NOTIFY);
        assertThat(calls.transferContext()).isEqualTo("aftercare-transfer");
        assertThat(calls.outboundContext()).isEqualTo("aftercare-outbound");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_CALLS_HOLD_METHOD", "None")).calls()
                .holdMethod()).isEqualTo(AftercareConfig.HoldMethod.NONE);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_CALLS_HOLD_METHOD", "park")))
                .hasMessageContaining("calls.hold_method").hasMessageContaining("notify or none");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_CALLS_TRANSFER_CONTEXT",
                "x,y"))).hasMessageContaining("calls.transfer_context");
    }

    @Test
    void unknownKeysAreErrorsNotSilentTypos() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "http:\n  prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_HTTP_PROT", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AFTERCARE_HTTP_PROT");
    }

    @Test
    void unreadableOrMalformedFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("missing.yaml")), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.yaml");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "http: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(broken), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void secretsNeverAppearInToString() {
        AftercareConfig config = ConfigLoader.load(Optional.empty(), Map.of("AFTERCARE_AMI_SECRET", "s3cret",
                "AFTERCARE_DB_PASSWORD", "hunter2"));
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("hunter2");
    }
}
