package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A till on a flaky link hangs up while it sends a request's body: the server logs that as one INFO
 * line, not as an ERROR with a stack trace, and goes on serving.
 */
class ClientHangUpTest {

  static final String HUNG_UP = "client closed the connection before the body was read";

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  private Level rootLevel;
  private RetailServer server;

  @BeforeEach
  void start() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO); // the server's default LOG_LEVEL
    captured.start();
    root.addAppender(captured);
    server = RetailServer.start(DemoServerTest.config(), Map.of());
  }

  @AfterEach
  void stop() {
    server.close();
    root.detachAppender(captured);
    root.setLevel(rootLevel);
  }

  @Test
  void aBodyCutShortIsOneInfoLineAndNoError() throws Exception {
    String token = server.demoToken().orElseThrow();
    String body = "{\"lines\":[{\"code\":\"MUG\",\"quan";
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/stores/demo/baskets/price HTTP/1.1\r\n"
                  + "Host: localhost\r\n"
                  + "Authorization: Bearer "
                  + token
                  + "\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: 100000\r\n"
                  + "\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(200); // the server is reading the body when the till goes
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (hungUp().isEmpty() && errors().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(300); // anything the request logs after its first line

    assertThat(errors()).as("ERROR lines").isEmpty();
    List<ILoggingEvent> lines = hungUp();
    assertThat(lines).as("INFO lines about the hang-up").hasSize(1);
    ILoggingEvent line = lines.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getThrowableProxy()).as("a stack trace").isNull();
    assertThat(line.getFormattedMessage())
        .contains("POST")
        .contains("/api/v1/stores/demo/baskets/price")
        .contains("127.0.0.1");
    // and the next request is served as ever
    TestClient.Response health = new TestClient(server).get("/health", null);
    assertThat(health.status()).isEqualTo(200);
  }

  private List<ILoggingEvent> hungUp() {
    return snapshot().stream().filter(e -> e.getFormattedMessage().contains(HUNG_UP)).toList();
  }

  private List<ILoggingEvent> errors() {
    return snapshot().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
  }

  private List<ILoggingEvent> snapshot() {
    synchronized (captured) {
      return List.copyOf(captured.list);
    }
  }
}
