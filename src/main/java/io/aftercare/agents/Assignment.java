package io.aftercare.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.aftercare.core.ValidationException;

/** A queue an agent may log in to, with the penalty QueueAdd gives them there (0 to 1000). Immutable. */
public record Assignment(String queue, int penalty) {
    public Assignment {
        if (queue == null || queue.isBlank()) {
            throw new ValidationException("each queue assignment needs a queue");
        }
        if (penalty < 0 || penalty > 1000) {
            throw new ValidationException("penalty must be between 0 and 1000, got " + penalty + " for queue " + queue);
        }
    }

    /** From JSON: the penalty may be left out (0). */
    @JsonCreator
    static Assignment json(@JsonProperty("queue") String queue, @JsonProperty("penalty") Integer penalty) {
        return new Assignment(queue, penalty == null ? 0 : penalty);
    }

    /** {@code QUEUE} or {@code QUEUE:PENALTY}, as the command line takes them. */
    public static Assignment parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new Assignment(text, 0);
        }
        try {
            return new Assignment(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ValidationException("a queue is QUEUE or QUEUE:PENALTY, got '" + text + "'");
        }
    }
}
