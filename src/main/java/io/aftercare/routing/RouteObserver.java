package io.aftercare.routing;

/** Told of every route the FastAGI route script answers, for traffic figures. Implementations never block. */
@FunctionalInterface
public interface RouteObserver {
    /**
     * @param fallback whether the caller got the fallback queue instead of the rules' decision
     * @param nanos how long the script took to decide; negative when unknown (the script failed outright)
     */
    void routed(boolean fallback, long nanos);

    RouteObserver NONE = (fallback, nanos) -> { };
}
