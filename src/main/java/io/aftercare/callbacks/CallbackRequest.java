package io.aftercare.callbacks;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to call a customer back through a queue: aftercare holds a place for them in {@code queue} (entered as
 * if they had been waiting since {@code waitingSince}), rings the agent app_queue picks, then the customer.
 *
 * @param pbxId        the PBX the original call came in on (null: the default one)
 * @param e164         the number to call back, E.164
 * @param customerId   the identified customer, or null
 * @param originLinkedId the Linkedid of the call the callback continues (null when none, e.g. a voicemail not matched)
 * @param waitingSince when the caller started waiting: their place in line, and where the callback's wait counts from
 * @param language     the prompts' language (en, fr, de)
 */
public record CallbackRequest(CallbackSource source, String pbxId, String queue, String e164, Long customerId,
                              String originLinkedId, Instant waitingSince, String language) {
    public CallbackRequest {
        Objects.requireNonNull(source);
        Objects.requireNonNull(queue);
        Objects.requireNonNull(e164);
        Objects.requireNonNull(waitingSince);
        language = language == null || language.isBlank() ? "en" : language;
    }
}
