package io.aftercare.waits;

/** A mean of {@code n} durations in milliseconds ({@code millis} is 0 when {@code n} is 0). Immutable. */
public record Mean(long n, long millis) {
    public static final Mean NONE = new Mean(0, 0);

    public Mean {
        if (n < 0 || millis < 0) {
            throw new IllegalArgumentException("n and millis must not be negative");
        }
        millis = n == 0 ? 0 : millis;
    }

    /** The mean of {@code n} values adding up to {@code sumMillis}. */
    public static Mean of(long n, long sumMillis) {
        return n == 0 ? NONE : new Mean(n, Math.round((double) sumMillis / n));
    }

    public boolean known() {
        return n > 0;
    }

    /**
     * This mean pulled toward {@code prior} as if the prior were {@code weight} more observations (shrinkage): a
     * slot with 3 calls says little by itself, one with 300 nearly all. The prior alone when this is empty.
     */
    public long shrunkToward(long prior, double weight) {
        return Math.round((n * (double) millis + weight * prior) / (n + weight));
    }
}
