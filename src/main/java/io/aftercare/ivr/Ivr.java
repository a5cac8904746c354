package io.aftercare.ivr;

import io.aftercare.config.AftercareConfig;
import io.aftercare.hours.AfterHoursBranch;
import io.aftercare.routing.LiveAgents;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;

/** The IVR feature wired together: the menu service (menus loaded once here) and the {@code ivr} script. Thread-safe. */
public record Ivr(IvrMenuService menus, IvrAgiScript script) {
    /** Builds the feature; {@code background} runs the selection inserts (routing's background-write executor). */
    public static Ivr create(AftercareConfig config, Jdbi jdbi, Clock clock, AfterHoursBranch afterHours,
                             Executor background, PhoneNumbers phones, LiveAgents live) {
        IvrMenuService menus = new IvrMenuService(jdbi, clock);
        menus.reload();
        IvrAgiScript script = new IvrAgiScript(menus, menus::openCase, afterHours, background, phones, clock,
                config.ami().pbxId(), config.agi().fallbackQueue(), live);
        return new Ivr(menus, script);
    }
}
