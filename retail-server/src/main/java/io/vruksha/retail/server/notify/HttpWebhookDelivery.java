package io.vruksha.retail.server.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationDelivery;
import io.vruksha.retail.notification.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivers WEBHOOK notifications as a JSON {@code POST} to the recipient URL, signed in the {@value
 * WebhookSignature#HEADER} header with HMAC-SHA256 over the timestamp and the body (see {@link
 * WebhookSignature}); any 2xx answer is a delivery, anything else (or no answer in 10 s) a failure
 * to retry. Thread-safe.
 */
public final class HttpWebhookDelivery implements NotificationDelivery {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String secret;
  private final Clock clock;

  /** Webhooks signed with {@code secret} (at least 16 characters). */
  public HttpWebhookDelivery(String secret, Clock clock) {
    WebhookSignature.sign(secret, clock.instant(), ""); // refuses a short secret now
    this.secret = secret;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public Notification.Channel channel() {
    return Notification.Channel.WEBHOOK;
  }

  /** The JSON body a webhook receives. */
  static String body(Notification n) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", n.id());
    b.put("store", n.store().value());
    b.put("kind", n.kind().name());
    b.put("subject", n.subject());
    b.put("body", n.body());
    b.put("createdAt", n.createdAt().toString());
    b.put("eventId", n.eventId());
    try {
      return JSON.writeValueAsString(b);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notification is always JSON", e);
    }
  }

  @Override
  public void deliver(Notification n) {
    String body = body(n);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(n.recipient()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Retail-Notification", n.id())
            .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, clock.instant(), body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException("webhook " + n.recipient() + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + n.recipient(), e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "webhook " + n.recipient() + " answered " + response.statusCode());
    }
  }
}
