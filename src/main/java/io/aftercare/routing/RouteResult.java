package io.aftercare.routing;

import io.aftercare.core.Coded;

/** How the route script answered a call: with the rules' decision, or with the fallback queue and why. */
public enum RouteResult implements Coded {
    /** The rules decided. */
    OK,
    /** The caller's lookup did not answer within the route budget (database slow or locked). */
    LOOKUP_TIMEOUT,
    /** The lookup threw (database refused, a rule failed, the lookup pool was full). */
    LOOKUP_FAILED,
    /** The script failed outright (the channel hung up, an AGI error); nothing is known of the caller. */
    SCRIPT_FAILED;

    public boolean fallback() {
        return this != OK;
    }
}
