package io.aftercare.search;

import io.aftercare.core.Coded;

/**
 * What a search can match a customer by, in the order results are ranked when two matches are equally close: a
 * phone number first, a customer's name before their e-mail address. Immutable.
 */
public enum SearchKind implements Coded {
    PHONE, ORDER, SERIAL, NAME, EMAIL
}
