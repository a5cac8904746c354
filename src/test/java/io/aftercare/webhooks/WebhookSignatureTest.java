package io.aftercare.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature is the hex HMAC-SHA256 of "timestamp.body" with the subscription's secret, as doc/webhooks.md says. */
class WebhookSignatureTest {
    @Test
    void signsTimestampDotBodyWithTheSecret() {
        // the value of: printf '1733600000.{"a":1}' | openssl dgst -sha256 -hmac s3cr3t
        assertThat(WebhookSignature.sign("s3cr3t", 1733600000L, "{\"a\":1}"))
                .isEqualTo("sha256=" + OPENSSL_DIGEST);
    }

    private static final String OPENSSL_DIGEST = "f5b52f058b01a87858b90bd0e22576b792b9513387dca7e6a1eb79f8f96fc74a";

    @Test
    void aReceiverRejectsAnotherSecretTimestampOrBody() {
        String header = WebhookSignature.sign("whsec_test-secret-1", 1733600000L, "{\"id\":\"e1\"}");
        assertThat(WebhookSignature.verify("whsec_test-secret-1", 1733600000L, "{\"id\":\"e1\"}", header)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test-secret-2", 1733600000L, "{\"id\":\"e1\"}", header)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test-secret-1", 1733600001L, "{\"id\":\"e1\"}", header)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test-secret-1", 1733600000L, "{\"id\":\"e2\"}", header)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test-secret-1", 1733600000L, "{\"id\":\"e1\"}", null)).isFalse();
    }
}
