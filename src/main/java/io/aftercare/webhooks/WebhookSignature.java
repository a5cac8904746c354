package io.aftercare.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Aftercare-Signature} of a delivery: {@code sha256=} and the lower-case hex HMAC-SHA256, keyed with
 * the subscription's secret, of the {@code X-Aftercare-Timestamp} value, a dot and the exact body bytes. Pure and
 * thread-safe.
 */
public final class WebhookSignature {
    public static final String PREFIX = "sha256=";

    private WebhookSignature() {}

    /** The header value for a body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, long epochSeconds, String body, String header) {
        return header != null && MessageDigest.isEqual(sign(secret, epochSeconds, body)
                .getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }
}
