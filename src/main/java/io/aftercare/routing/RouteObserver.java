package io.aftercare.routing;

/** Told of every route the FastAGI route script answers, for traffic figures. Implementations never block. */
@FunctionalInterface
public interface RouteObserver {
    /**
     * @param result the rules' decision, or the fallback queue and why
     * @param nanos how long the script took to decide; negative when unknown (the script failed outright)
     */
    void routed(RouteResult result, long nanos);

    RouteObserver NONE = (result, nanos) -> { };
}
