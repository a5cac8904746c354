package io.aftercare.pbx;

import io.aftercare.config.AftercareConfig;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Gives a test class one {@link PbxWorld} for all its tests (register it as a static {@code @RegisterExtension}
 * field): started before the first test in {@code target/pbx-tests/<class>/}, closed after the last. Without the
 * Asterisk bundle each test is reported skipped with the reason (a skip in {@code @BeforeAll} shows in Surefire as
 * no tests at all); when the bundle is required, the class fails. Not thread-safe.
 */
public final class PbxSuite implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final boolean proxied;
    private final UnaryOperator<AftercareConfig> config;
    private PbxWorld world;
    private TestAbortedException skipped;

    public PbxSuite() {
        this(false);
    }

    /** With {@code proxied}, aftercare's AMI link runs through a proxy the tests can cut. */
    public PbxSuite(boolean proxied) {
        this(proxied, UnaryOperator.identity());
    }

    /** With aftercare's test configuration changed by {@code config} (e.g. the survey dialer's). */
    public PbxSuite(UnaryOperator<AftercareConfig> config) {
        this(false, config);
    }

    public PbxSuite(boolean proxied, UnaryOperator<AftercareConfig> config) {
        this.proxied = proxied;
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "pbx-tests",
                context.getRequiredTestClass().getSimpleName());
        try {
            world = PbxWorld.start(dir, proxied, config);
        } catch (TestAbortedException noBundle) {
            skipped = noBundle;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipped != null) {
            throw skipped;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (world != null) {
            world.close();
        }
    }

    public PbxWorld world() {
        return world;
    }
}
