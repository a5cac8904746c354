package io.aftercare.pbx;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * A real-PBX test class whose tests share one {@link PbxWorld}: the subclass registers its {@link PbxSuite} as a
 * static {@code @RegisterExtension} field and names it in {@link #suite()}; each test finds the world and its PBX
 * in {@link #world} and {@link #pbx}. Not thread-safe.
 */
@Tag("pbx") // the real-PBX suite: the surefire execution "pbx", after the others (pom.xml)
abstract class PbxScenario {
    protected PbxWorld world;
    protected RealPbx pbx;

    /** The class's suite (its static {@code @RegisterExtension} field). */
    protected abstract PbxSuite suite();

    @BeforeEach
    final void attached() {
        world = suite().world();
        pbx = world.pbx();
    }
}
