package io.vruksha.retail.reaction;

import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.work.UnitOfWork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactions without NATS, fed from the engine's own outbox: pending events are taken in
 * batches, handled by the {@link Reactions} (once per id, as always, through {@link
 * io.vruksha.retail.event.HandledEvents}) and marked sent, a batch in one unit of work. Because the
 * events wait in the outbox until then, an event not handled when the process stops is handled
 * after a restart on a durable store.
 *
 * <p>When an event of a batch fails, the batch is undone and its events are handled one at a time;
 * an event a reaction keeps failing on is tried {@value #TRIES} times (once a drain), then logged
 * as an error with its whole content and passed over. With NATS the relay owns the outbox instead
 * and the reactions consume the stream: never run both on one outbox.
 *
 * <p>The engine built by {@link RetailEngine#builder()} drains after each of its units of work
 * commits ({@link RetailEngine.Builder#reactInProcess}); a server drains on a thread of its own
 * ({@link #start()}). Thread-safe: one drain runs at a time.
 */
public final class OutboxReactions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxReactions.class);

  /** How often an event a reaction fails on is tried before it is passed over. */
  public static final int TRIES = 3;

  /** Events taken at a time. */
  public static final int BATCH = 200;

  private final Reactions reactions;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Map<UUID, Integer> failures = new HashMap<>();
  private final ReentrantLock draining = new ReentrantLock();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Reactions on {@code outbox}, not started: {@link #start} runs them on a thread, or {@link
   * #drain} and {@link #drainOnce} by hand. {@code work} must be the unit of work the outbox joins.
   */
  public OutboxReactions(Reactions reactions, Outbox outbox, UnitOfWork work) {
    this.reactions = Objects.requireNonNull(reactions, "reactions");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.thread = new Thread(this::loop, "vruksha-outbox-reactions");
    this.thread.setDaemon(true);
  }

  /** Reactions on {@code engine}'s outbox and unit of work, not started. */
  public static OutboxReactions on(Reactions reactions, RetailEngine engine) {
    return new OutboxReactions(reactions, EngineHost.outbox(engine), EngineHost.unitOfWork(engine));
  }

  /** Starts a thread that drains the outbox, polling every 100 ms while it is empty. */
  public OutboxReactions start() {
    thread.start();
    return this;
  }

  /**
   * Handles what is pending until the outbox is empty, an event fails (it is tried again at the
   * next drain) or a batch leaves as many events as it found; never throws. The events the
   * reactions themselves write (a purchase order drafted, a customer enrolled) are handled in the
   * same call.
   */
  public void drain() {
    draining.lock();
    try {
      long before = outbox.pendingCount();
      while (before > 0) {
        drainOnce();
        long after = outbox.pendingCount();
        // an event failed: it is tried again at the next drain, not three times in this one
        if (after >= before || !failures.isEmpty()) {
          return;
        }
        before = after;
      }
    } catch (RuntimeException e) {
      LOG.warn("in-process reactions waiting: {}", e.getMessage());
    } finally {
      draining.unlock();
    }
  }

  /**
   * Handles what is pending now; how many events were taken. The events are read, handled and
   * marked sent in one unit of work, so a busy till's sales cost the reactions one commit a batch
   * rather than one an event. If any of them fails, that unit is undone and the same events are
   * handled one by one, each in a unit of its own, until the failing one is given up; then batches
   * resume.
   */
  public int drainOnce() {
    draining.lock();
    try {
      if (failures.isEmpty()) {
        try {
          // the batch is done again if a power cut takes it: its events stay pending until it
          // commits, and the store may commit it without waiting for the disk
          return work.runRedoable(
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
    } finally {
      draining.unlock();
    }
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
        LOG.warn("in-process reactions waiting: {}", e.getMessage());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Stops the thread, if started, waiting up to 5 s for the batch in hand. */
  @Override
  public void close() {
    running = false;
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
