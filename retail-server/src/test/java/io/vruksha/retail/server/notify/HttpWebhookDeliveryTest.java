package io.vruksha.retail.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.WebhookSignature;
import io.vruksha.retail.store.StoreId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks over real HTTP to a receiver that checks the signature as an integrator would. */
class HttpWebhookDeliveryTest {

  private static final String SECRET = "whsec-test-0123456789";
  private static final Instant NOW = Instant.parse("2026-11-24T11:00:00Z");

  private HttpServer receiver;
  private final List<String> verified = new ArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          boolean ok = WebhookSignature.verify(SECRET, signature, body, NOW, Duration.ofMinutes(5));
          if (ok) {
            verified.add(body);
          }
          exchange.sendResponseHeaders(ok ? status.get() : 401, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private Notification hook(String secretPath) {
    return new Notification(
        StoreId.of("demo"),
        "n-1",
        Notification.Kind.ORDER_READY,
        Notification.Channel.WEBHOOK,
        "http://127.0.0.1:" + receiver.getAddress().getPort() + secretPath,
        "Your order web-1 is ready",
        "Your order web-1 is ready for collection.",
        Notification.Status.PENDING,
        0,
        NOW,
        NOW,
        Optional.empty(),
        "e-1");
  }

  @Test
  void aSignedRequestIsAcceptedByAReceiverThatChecksTheSignature() {
    new HttpWebhookDelivery(SECRET, Clock.fixed(NOW, ZoneOffset.UTC)).deliver(hook("/hooks"));
    assertThat(verified)
        .singleElement()
        .asString()
        .contains("\"kind\":\"ORDER_READY\"", "\"subject\":\"Your order web-1 is ready\"");
  }

  @Test
  void aWrongSecretOrAnErrorStatusIsAFailedDelivery() {
    assertThatThrownBy(
            () ->
                new HttpWebhookDelivery("another-secret-0000", Clock.fixed(NOW, ZoneOffset.UTC))
                    .deliver(hook("/hooks")))
        .hasMessageContaining("answered 401");
    status.set(503);
    assertThatThrownBy(
            () ->
                new HttpWebhookDelivery(SECRET, Clock.fixed(NOW, ZoneOffset.UTC))
                    .deliver(hook("/hooks")))
        .hasMessageContaining("answered 503");
    assertThat(verified).hasSize(1); // verified, but answered 503
  }
}
