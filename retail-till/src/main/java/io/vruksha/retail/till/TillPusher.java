package io.vruksha.retail.till;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.json.DocumentJson;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillDocument;
import io.vruksha.retail.till.CentreClient.Acknowledgement;
import io.vruksha.retail.till.CentreClient.Oversold;
import io.vruksha.retail.till.CentreClient.Position;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a till's fiscal documents to the centre, each exactly once and in the till's journal
 * order: asks the centre where it stands ({@link CentreClient#position}), then sends the journal
 * entries after that position with their sales, returns and Z reports, in batches of at most
 * {@value #BATCH} documents and {@value #MAX_BATCH_BYTES} bytes of JSON (a document larger than
 * that goes alone), until none is left.
 *
 * <p>It keeps no state of its own that could disagree with the centre: every push starts from the
 * centre's position, so after a crash of the till or of the centre (mid-batch or not) it resumes
 * exactly where the centre stands; the centre skips what it already has. Before sending it checks
 * that the centre's last entry is this till's entry of that sequence (same hash): a centre that
 * holds more entries than this till, or other ones, means this is not the till that sent them (a
 * restored backup, a second till under the same id), and it stops.
 *
 * <p>What stops it for good, until a person looks: a refusal by the centre ({@code 422}, 401, 403),
 * a diverged chain, an entry whose document the till's store cannot produce, a document larger than
 * the centre takes ({@code 413 request.too_large}, sent alone). What it waits out: an unreachable
 * centre (with {@link #runEvery} it tries again, backing off up to a minute). A sequence gap (409,
 * someone else moved the centre's position) makes it re-read the position and go on. Thread-safe:
 * pushes are serialised.
 */
public final class TillPusher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TillPusher.class);

  /** The most documents sent in one request. */
  public static final int BATCH = 100;

  /**
   * The most bytes of documents (their JSON) sent in one request: half the centre's default {@code
   * MAX_BODY_BYTES} (1 MiB), so a batch of big baskets stays clear of it with room for the
   * envelope. A centre that refuses a batch as too large (413) gets it again in halves.
   */
  public static final int MAX_BATCH_BYTES = 512 * 1024;

  /** Sequence gaps in a row after which a push gives up (the position keeps moving under it). */
  private static final int MAX_GAPS = 5;

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private static final Pattern TILL_ID = Pattern.compile("[A-Za-z0-9]{1,8}");

  private final RetailEngine engine;
  private final StoreId store;
  private final String till;
  private final CentreClient centre;
  private final JournalDocuments documents;
  private final long maxBatchBytes;

  /** The centre's position as last heard, for {@link #pending} only; never decides what is sent. */
  private volatile long acknowledged;

  private volatile RuntimeException problem;
  private volatile String unreachable;
  private ScheduledExecutorService runner;

  /**
   * A pusher of {@code till}'s documents in {@code store} of {@code engine} to {@code centre}; a
   * till id other than 1 to 8 letters and digits is refused ({@link InvalidInputException}).
   */
  public TillPusher(RetailEngine engine, StoreId store, String till, CentreClient centre) {
    this(engine, store, till, centre, MAX_BATCH_BYTES);
  }

  /**
   * A pusher whose batches hold at most {@code maxBatchBytes} bytes of documents (at least 1,024),
   * for a centre whose {@code MAX_BODY_BYTES} is below twice {@link #MAX_BATCH_BYTES}.
   */
  public TillPusher(
      RetailEngine engine, StoreId store, String till, CentreClient centre, long maxBatchBytes) {
    if (maxBatchBytes < 1024) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a batch may hold at least 1024 bytes of documents, not " + maxBatchBytes);
    }
    this.maxBatchBytes = maxBatchBytes;
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.till = Objects.requireNonNull(till, "till");
    if (!TILL_ID.matcher(till).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a till's id is 1 to 8 letters and digits, not '" + till + "'");
    }
    this.centre = Objects.requireNonNull(centre, "centre");
    this.documents = new JournalDocuments(engine, store, till);
  }

  /**
   * What one push did.
   *
   * @param acceptedUpTo the centre's position after it
   * @param sent documents sent
   * @param received documents the centre applied
   * @param duplicates documents the centre already had
   * @param oversold what went below zero at the centre
   */
  public record Pushed(
      long acceptedUpTo, int sent, int received, int duplicates, List<Oversold> oversold) {
    /** Copies the list. */
    public Pushed {
      oversold = List.copyOf(oversold);
    }
  }

  /**
   * Pushes everything the centre does not have yet, batch after batch, until nothing is left.
   *
   * @throws CentreUnreachableException when the centre does not answer (what was acknowledged so
   *     far stays acknowledged; the next push goes on from the centre's position)
   * @throws CentreRefusedException when the centre refuses a document, or one document alone is
   *     larger than the centre takes (413 {@code request.too_large}, the message names it)
   * @throws RuleViolationException ({@link ErrorCode#JOURNAL_BROKEN}) when the centre's chain for
   *     this till is not this till's, or an entry's document is missing in the till's store
   */
  public synchronized Pushed pushOnce() {
    long upTo = positionChecked();
    int sent = 0;
    int received = 0;
    int duplicates = 0;
    int gaps = 0;
    long limit = maxBatchBytes;
    List<Oversold> oversold = new ArrayList<>();
    while (true) {
      List<FiscalDocument> next = documents.entriesAfter(upTo);
      if (next.isEmpty()) {
        return new Pushed(upTo, sent, received, duplicates, oversold);
      }
      Batch batch = batch(next, limit);
      Acknowledgement ack;
      try {
        ack = centre.send(store, till, batch.documents());
      } catch (SequenceGapException gap) {
        if (++gaps > MAX_GAPS) {
          throw gap;
        }
        LOG.info("till {}: {}; reading the centre's position again", till, gap.getMessage());
        upTo = positionChecked();
        continue;
      } catch (CentreRefusedException refused) {
        if (refused.status() != 413) {
          throw refused;
        }
        if (batch.documents().size() == 1) {
          throw tooLarge(batch, refused);
        }
        // a centre configured below twice MAX_BATCH_BYTES: the same documents, in smaller batches
        limit = Math.max(1, batch.bytes() / 2);
        LOG.info(
            "till {}: the centre refused {} documents of {} bytes as too large; sending at most {}"
                + " bytes at a time",
            till,
            batch.documents().size(),
            batch.bytes(),
            limit);
        continue;
      }
      gaps = 0;
      if (ack.acceptedUpTo() <= upTo) {
        throw new CentreRefusedException(
            200,
            "till.no_progress",
            "the centre answered a batch from "
                + batch.documents().get(0).sequence()
                + " but still stands at "
                + ack.acceptedUpTo(),
            List.of());
      }
      sent += batch.documents().size();
      received += ack.received();
      duplicates += ack.duplicates();
      oversold.addAll(ack.oversold());
      upTo = ack.acceptedUpTo();
      acknowledged = upTo;
    }
  }

  /** Documents to send in one request, and the bytes of their JSON. */
  private record Batch(List<TillDocument> documents, long bytes) {}

  /**
   * The first of {@code next} as one batch: at most {@value #BATCH} documents and {@code limit}
   * bytes of their JSON, and always the first document, however large.
   */
  private Batch batch(List<FiscalDocument> next, long limit) {
    List<TillDocument> batch = new ArrayList<>();
    long bytes = 0;
    for (FiscalDocument entry : next) {
      if (batch.size() == BATCH) {
        break;
      }
      TillDocument d = documents.document(entry);
      long size = DocumentJson.write(d).getBytes(StandardCharsets.UTF_8).length + 1L; // a comma
      if (!batch.isEmpty() && bytes + size > limit) {
        break;
      }
      batch.add(d);
      bytes += size;
    }
    return new Batch(batch, bytes);
  }

  private CentreRefusedException tooLarge(Batch batch, CentreRefusedException refused) {
    TillDocument d = batch.documents().get(0);
    return new CentreRefusedException(
        413,
        refused.code(),
        "document "
            + d.sequence()
            + " of till "
            + till
            + " ("
            + d.entry().kind()
            + " "
            + d.entry().number()
            + ", "
            + batch.bytes()
            + " bytes of JSON) is larger than the centre takes: raise the centre's MAX_BODY_BYTES"
            + " above it; nothing after it can be sent before it (the centre: "
            + refused.getMessage().substring(refused.getMessage().indexOf("): ") + 3)
            + ")",
        refused.details());
  }

  /** The centre's position, checked against this till's own journal. */
  private long positionChecked() {
    Position p = centre.position(store, till);
    if (p.acceptedUpTo() > 0) {
      Optional<FiscalDocument> own = documents.entry(p.acceptedUpTo());
      if (own.isEmpty() || !own.get().hash().equals(p.lastHash())) {
        throw new RuleViolationException(
            ErrorCode.JOURNAL_BROKEN,
            "the centre holds till "
                + till
                + "'s journal up to entry "
                + p.acceptedUpTo()
                + (own.isEmpty()
                    ? ", which this till does not have"
                    : " with another hash than this till's")
                + ": this is not the till that sent those documents (a restored backup, or two"
                + " tills with one id); nothing is sent until someone looks");
      }
    }
    acknowledged = p.acceptedUpTo();
    return p.acceptedUpTo();
  }

  /**
   * How many of the till's documents the centre has not acknowledged, as far as this pusher has
   * heard: before its first contact with the centre every document counts, so the number may be too
   * high, never too low. What the till shows the cashier ("12 sales waiting to reach head office").
   */
  public long pending() {
    return documents.entriesAfter(acknowledged).size();
  }

  /** {@link #pending} by kind: sales (invoices), returns (credit notes), Z reports. */
  public Map<DocumentKind, Long> pendingByKind() {
    Map<DocumentKind, Long> byKind = new EnumMap<>(DocumentKind.class);
    for (DocumentKind k : DocumentKind.values()) {
      byKind.put(k, 0L);
    }
    for (FiscalDocument d : documents.entriesAfter(acknowledged)) {
      byKind.merge(d.kind(), 1L, Long::sum);
    }
    return byKind;
  }

  /**
   * Pushes now and then every {@code interval} on a daemon thread, until {@link #close}: while the
   * centre is unreachable the wait doubles after each failure, up to a minute, and is back to
   * {@code interval} after a success. A refusal or a broken chain stops it: {@link #problem} says
   * why. Calling it again while it runs changes nothing.
   */
  public synchronized void runEvery(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, was " + interval);
    }
    if (runner != null) {
      return;
    }
    ScheduledThreadPoolExecutor r =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread t = new Thread(task, "till-pusher-" + till);
              t.setDaemon(true);
              return t;
            });
    // a push waiting for its turn is dropped on close; one under way finishes
    r.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    runner = r;
    runner.execute(() -> tick(interval, interval));
  }

  private void tick(Duration interval, Duration wait) {
    Duration next = interval;
    try {
      Pushed pushed = pushOnce();
      unreachable = null;
      if (pushed.sent() > 0) {
        LOG.info(
            "till {}: {} documents sent, the centre holds up to {}",
            till,
            pushed.sent(),
            pushed.acceptedUpTo());
      }
      for (Oversold o : pushed.oversold()) {
        LOG.warn("till {}: {} is oversold at the centre (on hand {})", till, o.sku(), o.onHand());
      }
    } catch (CentreUnreachableException e) {
      unreachable = e.getMessage();
      next = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
      if (next.compareTo(interval) < 0) {
        next = interval;
      }
      LOG.warn("till {}: {}; trying again in {} ms", till, e.getMessage(), next.toMillis());
    } catch (RuntimeException e) {
      problem = e;
      LOG.error("till {}: pushing stopped: {}", till, e.getMessage(), e);
      return;
    }
    Duration after = next;
    synchronized (this) {
      if (runner != null && !runner.isShutdown()) {
        runner.schedule(() -> tick(interval, after), after.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** What stopped {@link #runEvery}: a refusal, a broken chain, a missing document. */
  public Optional<RuntimeException> problem() {
    return Optional.ofNullable(problem);
  }

  /** Why the last push of {@link #runEvery} could not reach the centre, while that lasts. */
  public Optional<String> unreachable() {
    return Optional.ofNullable(unreachable);
  }

  /** The engine whose documents it pushes. */
  public RetailEngine engine() {
    return engine;
  }

  /** Stops {@link #runEvery}, waiting up to ten seconds for a push under way. */
  @Override
  public void close() {
    ScheduledExecutorService r;
    synchronized (this) {
      r = runner;
      runner = null;
    }
    if (r != null) {
      r.shutdown();
      try {
        if (!r.awaitTermination(10, TimeUnit.SECONDS)) {
          r.shutdownNow();
        }
      } catch (InterruptedException e) {
        r.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
