package io.vruksha.retail.server;

import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.work.UnitOfWork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactions without NATS: a thread takes the engine's outbox events in batches, lets the
 * reactions handle them (once per id, as always) and marks them sent, a batch in one unit of work.
 * When an event of a batch fails, the batch is undone and its events are handled one at a time; an
 * event a reaction keeps failing on is tried three times, then logged as an error and passed over.
 * With NATS configured the relay owns the outbox instead and the reactions consume the stream.
 */
final class LocalReactions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalReactions.class);
  private static final int TRIES = 3;

  private final Reactions reactions;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Map<UUID, Integer> failures = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Reactions not started yet: {@link #start} runs them, or {@link #drainOnce} by hand (tests). */
  LocalReactions(Reactions reactions, RetailEngine engine) {
    this.reactions = reactions;
    this.outbox = EngineHost.outbox(engine);
    this.work = EngineHost.unitOfWork(engine);
    this.thread = new Thread(this::loop, "vruksha-local-reactions");
    this.thread.setDaemon(true);
  }

  static LocalReactions start(Reactions reactions, RetailEngine engine) {
    LocalReactions r = new LocalReactions(reactions, engine);
    r.thread.start();
    return r;
  }

  /** Events taken at a time. */
  static final int BATCH = 200;

  /**
   * Handles what is pending now; how many events were taken. The events are read, handled and
   * marked sent in one unit of work, so a busy till's sales cost the reactions one commit a batch
   * rather than one an event. If any of them fails, that unit is undone and the same events are
   * handled one by one, each in a unit of its own, until the failing one is given up; then batches
   * resume.
   */
  int drainOnce() {
    if (failures.isEmpty()) {
      try {
        return work.run(
            () -> {
              // marked sent after their effects, as one by one: whoever waits for the outbox
              // to empty (an in-memory engine's caller) then finds the effects in place
              List<EventEnvelope> batch = outbox.pending(BATCH);
              reactions.handleAll(batch);
              if (!batch.isEmpty()) {
                outbox.markSent(batch.stream().map(EventEnvelope::eventId).toList());
              }
              return batch.size();
            });
      } catch (RuntimeException batchFailed) {
        LOG.debug("a batch of reactions failed, handling its events one by one", batchFailed);
      }
    }
    return oneByOne();
  }

  private int oneByOne() {
    List<EventEnvelope> pending = outbox.pending(BATCH);
    List<UUID> done = new ArrayList<>();
    for (EventEnvelope e : pending) {
      try {
        reactions.handle(e);
        done.add(e.eventId());
        failures.remove(e.eventId());
      } catch (RuntimeException failure) {
        int n = failures.merge(e.eventId(), 1, Integer::sum);
        if (n >= TRIES) {
          // it leaves the outbox with the others, and without NATS there is no stream to keep it:
          // the log is where it can still be read
          LOG.error(
              "reactions gave up on {} {} after {} tries; the event was {}",
              e.subject(),
              e.eventId(),
              n,
              e,
              failure);
          done.add(e.eventId());
          failures.remove(e.eventId());
        } else {
          LOG.warn("reactions failed on {} {}: {}", e.subject(), e.eventId(), failure.getMessage());
        }
      }
    }
    if (!done.isEmpty()) {
      outbox.markSent(done);
    }
    return pending.size();
  }

  private void loop() {
    while (running) {
      try {
        if (drainOnce() == 0) {
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("local reactions waiting: {}", e.getMessage());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
