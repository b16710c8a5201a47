package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.vruksha.retail.nats.NatsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a stream back for a test: its messages or their {@code Nats-Msg-Id}s, in stream order. */
final class StreamIds {

  private StreamIds() {}

  /** The ids of every message {@code config}'s stream holds on the server at {@code url}. */
  static List<String> inOrder(String url, NatsConfig config) throws Exception {
    return messages(url, config).stream().map(m -> m.getHeaders().getFirst("Nats-Msg-Id")).toList();
  }

  /** Every message {@code config}'s stream holds on the server at {@code url}, in stream order. */
  static List<Message> messages(String url, NatsConfig config) throws Exception {
    List<Message> messages = new ArrayList<>();
    try (Connection c = Nats.connect(url)) {
      long total =
          c.jetStreamManagement().getStreamInfo(config.streamName()).getStreamState().getMsgCount();
      OrderedConsumerContext ordered =
          c.getStreamContext(config.streamName())
              .createOrderedConsumer(
                  new OrderedConsumerConfiguration().filterSubject(config.streamSubjects()));
      try (IterableConsumer it = ordered.iterate()) {
        for (long k = 0; k < total; k++) {
          Message m = it.nextMessage(Duration.ofSeconds(10));
          assertThat(m).as("message " + (k + 1) + " of " + total).isNotNull();
          messages.add(m);
        }
      }
    }
    return messages;
  }
}
