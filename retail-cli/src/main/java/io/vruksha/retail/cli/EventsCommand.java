package io.vruksha.retail.cli;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.vruksha.retail.UnavailableException;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.nats.NatsConfig;
import io.vruksha.retail.nats.NatsEvents;
import io.vruksha.retail.nats.NatsReplay;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retail events}: the events stored in NATS JetStream. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "The events stored in NATS JetStream.",
    subcommands = {EventsCommand.Replay.class})
final class EventsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: replay");
  }

  /** {@code retail events replay}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Replays the stored events on a subject filter from a stream sequence or an instant,"
            + " through a short-lived consumer that acknowledges nothing (NatsReplay): nothing is"
            + " consumed, replaying twice prints the same. One line per event: the stream"
            + " sequence, subject, event id, store, when it happened and its type; --format json"
            + " prints one JSON object per line. The stream, subject prefix and server come from"
            + " NATS_STREAM, NATS_SUBJECT_PREFIX and NATS_URL (or --nats-url).",
        "Example: retail events replay --subject 'retail.pos.>' --since 2026-11-24T00:00:00Z"
      })
  static final class Replay implements Callable<Integer> {
    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--subject",
        required = true,
        description = "a subject filter without the prefix, e.g. retail.pos.> or retail.>")
    String subject;

    static final class Start {
      @Option(
          names = "--from-sequence",
          required = true,
          description = "the first stream sequence (from 1)")
      Long sequence;

      @Option(
          names = "--since",
          required = true,
          description = "events stored at or after this instant, e.g. 2026-11-24T00:00:00Z")
      String since;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Start start;

    @Option(
        names = "--nats-url",
        description = "the NATS server (default: NATS_URL, else nats://127.0.0.1:4222)")
    String natsUrl;

    @Option(
        names = "--format",
        defaultValue = "table",
        description = "table, csv or json (JSON lines) (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    Replay(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      CommandLine cli = spec.commandLine();
      if (start.sequence != null && start.sequence < 1) {
        throw new CommandLine.ParameterException(cli, "--from-sequence starts at 1");
      }
      Instant since = null;
      if (start.since != null) {
        try {
          since = Instant.parse(start.since);
        } catch (DateTimeParseException e) {
          throw new CommandLine.ParameterException(
              cli, "--since must be an ISO instant like 2026-11-24T00:00:00Z");
        }
      }
      if (!subject.matches("[A-Za-z0-9_*>-]+(\\.[A-Za-z0-9_*>-]+)*")) {
        throw new CommandLine.ParameterException(
            cli, "--subject must be a subject filter such as retail.pos.>");
      }
      Map<String, String> withUrl = new HashMap<>(env);
      if (natsUrl != null && !natsUrl.isBlank()) {
        withUrl.put("NATS_URL", natsUrl);
      }
      NatsConfig config = NatsConfig.from(withUrl);
      List<EventEnvelope> events = new ArrayList<>();
      Map<String, Long> sequences;
      try (NatsEvents nats = NatsEvents.connect(config)) {
        NatsReplay replay = new NatsReplay(nats);
        if (since == null) {
          replay.fromSequence(subject, start.sequence, events::add);
        } else {
          replay.since(subject, since, events::add);
        }
        sequences = sequences(config, since);
      }
      Listing l = new Listing("sequence", "subject", "event_id", "store", "occurred_at", "type");
      for (EventEnvelope e : events) {
        Long seq = sequences.get(e.eventId().toString());
        l.add(
            seq == null ? "" : seq,
            e.subject(),
            e.eventId(),
            e.store().value(),
            e.occurredAt(),
            e.payload().getClass().getSimpleName());
      }
      PrintWriter out = cli.getOut();
      if (format == OutputFormat.json) {
        for (int i = 0; i < l.rows().size(); i++) {
          out.println(l.object(i));
        }
        out.flush();
      } else {
        l.print(out, format);
      }
      cli.getErr()
          .printf(
              Locale.ROOT, "replayed %d event%s%n", events.size(), events.size() == 1 ? "" : "s");
      cli.getErr().flush();
      return Retail.OK;
    }

    /**
     * The stream sequence of each event id on the same filter and start (NatsReplay hands over the
     * decoded events only), read by a second consumer that acknowledges nothing either.
     */
    private Map<String, Long> sequences(NatsConfig config, Instant since) {
      Map<String, Long> bySeq = new HashMap<>();
      String filter = config.wire(subject);
      ConsumerConfiguration.Builder c =
          since == null
              ? ConsumerConfiguration.builder()
                  .deliverPolicy(DeliverPolicy.ByStartSequence)
                  .startSequence(start.sequence)
              : ConsumerConfiguration.builder()
                  .deliverPolicy(DeliverPolicy.ByStartTime)
                  .startTime(since.atZone(ZoneOffset.UTC));
      try (Connection connection =
          Nats.connect(
              new Options.Builder()
                  .server(config.url())
                  .connectionTimeout(Duration.ofSeconds(5))
                  .build())) {
        JetStreamSubscription sub =
            connection
                .jetStream()
                .subscribe(
                    filter,
                    PullSubscribeOptions.builder().stream(config.streamName())
                        .configuration(
                            c.ackPolicy(AckPolicy.None)
                                .filterSubject(filter)
                                .inactiveThreshold(Duration.ofMinutes(1))
                                .build())
                        .build());
        try {
          while (true) {
            List<Message> batch = sub.fetch(256, Duration.ofMillis(500));
            if (batch.isEmpty()) {
              return bySeq;
            }
            for (Message m : batch) {
              String id = m.getHeaders() == null ? null : m.getHeaders().getFirst("Nats-Msg-Id");
              if (id != null) {
                bySeq.put(id, m.metaData().streamSequence());
              }
            }
          }
        } finally {
          sub.unsubscribe();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while reading " + filter, e);
      } catch (Exception e) {
        throw new UnavailableException(
            "cannot read the stream sequences of " + filter + ": " + e.getMessage(), e);
      }
    }
  }
}
