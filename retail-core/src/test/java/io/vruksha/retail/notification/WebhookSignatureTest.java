package io.vruksha.retail.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String SECRET = "whsec-0123456789abcdef";
  private static final Instant AT = Instant.parse("2026-11-24T11:00:00Z");

  @Test
  void signsTimestampAndBodyWithHmacSha256() {
    String header = WebhookSignature.sign(SECRET, AT, "{\"id\":1}");
    // t is the Unix time; v1 the hex HMAC-SHA256 of "1795518000.{"id":1}"
    assertThat(header).startsWith("t=1795518000,v1=").hasSize("t=1795518000,v1=".length() + 64);
    assertThat(
            WebhookSignature.verify(
                SECRET, header, "{\"id\":1}", AT.plusSeconds(60), Duration.ofMinutes(5)))
        .isTrue();
  }

  @Test
  void aChangedBodyAnotherSecretOrAnOldTimestampFail() {
    String header = WebhookSignature.sign(SECRET, AT, "{\"id\":1}");
    assertThat(WebhookSignature.verify(SECRET, header, "{\"id\":2}", AT, Duration.ofMinutes(5)))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                "whsec-another-secret-00", header, "{\"id\":1}", AT, Duration.ofMinutes(5)))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                SECRET, header, "{\"id\":1}", AT.plusSeconds(301), Duration.ofMinutes(5)))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, "garbage", "{\"id\":1}", AT, Duration.ofMinutes(5)))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, null, "{\"id\":1}", AT, Duration.ofMinutes(5)))
        .isFalse();
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> WebhookSignature.sign("short", AT, "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("a webhook secret needs at least 16 characters");
  }
}
