package io.aftercare.fake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Decides how the far end takes an async Originate (unless the tests' fake scripts that channel's outcome): the
 * outcome, how long it rings before the {@code OriginateResponse}, and what happens once it answered (for a
 * survey, the FastAGI session the dialplan would start). Implementations must be thread-safe: every AMI client
 * connection calls {@link #decide} on its own thread.
 */
@FunctionalInterface
public interface OriginatePolicy {

    Ring decide(Call call);

    /**
     * One Originate as Asterisk's manager.c reads it.
     *
     * @param variables the {@code Variable} headers, each split at ',' into NAME=value pairs, as
     *                  astman_get_variables_order does
     */
    record Call(String actionId, String channel, String context, String exten, Duration timeout,
                Map<String, String> variables) {
        public Call {
            variables = Map.copyOf(variables);
        }

        /** The Originate's {@code Variable} headers as NAME=value pairs, in their order, as manager.c splits them. */
        static Map<String, String> variables(AmiPacket originate) {
            Map<String, String> vars = new LinkedHashMap<>();
            for (String header : originate.getAll("Variable")) {
                for (String pair : header.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        vars.putIfAbsent(pair.substring(0, eq).strip(), pair.substring(eq + 1));
                    }
                }
            }
            return vars;
        }

        static Call of(AmiPacket originate) {
            Map<String, String> vars = variables(originate);
            long timeoutMs;
            try {
                timeoutMs = Long.parseLong(originate.getOrEmpty("Timeout").strip());
            } catch (NumberFormatException e) {
                timeoutMs = 30_000; // manager.c's default
            }
            return new Call(originate.getOrEmpty("ActionID"), originate.getOrEmpty("Channel"),
                    originate.getOrEmpty("Context"), originate.getOrEmpty("Exten"), Duration.ofMillis(timeoutMs),
                    vars);
        }
    }

    /** The channel Asterisk created for an answered Originate. */
    record Answered(String channel, String uniqueId) {}

    /**
     * The answer: {@code outcome} after {@code after}; {@code onAnswer} runs on its own virtual thread once the
     * OriginateResponse of an answered call was sent.
     */
    record Ring(OriginateOutcome outcome, Duration after, Consumer<Answered> onAnswer) {
        public Ring {
            Objects.requireNonNull(outcome);
            Objects.requireNonNull(after);
            Objects.requireNonNull(onAnswer);
        }

        public static Ring now(OriginateOutcome outcome) {
            return new Ring(outcome, Duration.ZERO, a -> { });
        }
    }
}
