package io.aftercare.webhooks;

import java.util.List;

/**
 * A subscription to create (url and eventTypes required; a secret is generated when none is given) or the fields
 * of one to change (absent ones are kept). Immutable.
 */
public record SubscriptionInput(String url, String secret, List<String> eventTypes, Boolean active,
                                String description) {}
