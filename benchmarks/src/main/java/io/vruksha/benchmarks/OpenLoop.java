package io.vruksha.benchmarks;

import io.vruksha.retail.store.StoreId;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sales sent at a constant arrival rate, whatever the server's answers do: request i leaves at
 * {@code start + i / rate}, and its latency runs from that scheduled moment to the answer, so a
 * server that stalls is charged for every sale that waited behind the stall (no coordinated
 * omission). The requests go asynchronously, as many in flight as the server lets pile up, up to
 * {@link #MAX_IN_FLIGHT}; a sale due while that many are in flight is not sent and counts as an
 * error. Sales go round the stores, one after another. Thread-safe: one thread schedules, the
 * client's threads record, and {@link #interval} may be called from any thread.
 */
final class OpenLoop {

  /** The most requests in flight at once before due ones are counted as errors unsent. */
  static final int MAX_IN_FLIGHT = 2_000;

  private final BenchServer server;
  private final double rate;
  private final long start;
  private final long end;
  private final Recorder latencies = new Recorder(3);
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Thread scheduler;
  private long intervalStart;
  private long okBefore;
  private long errorsBefore;

  /** What one stretch of the run measured. */
  record Window(double seconds, long ok, long errors, Histogram latencies) {
    /** Sales answered 201 a second. */
    double tps() {
      return ok / seconds;
    }

    /** The {@code p}th percentile latency in milliseconds (0 when nothing was answered). */
    double ms(double p) {
      return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(p) / 1000.0;
    }
  }

  private OpenLoop(BenchServer server, double rate, int seconds) {
    this.server = server;
    this.rate = rate;
    this.start = System.nanoTime();
    this.end = start + seconds * 1_000_000_000L;
    this.intervalStart = start;
    this.scheduler = new Thread(this::schedule, "open-loop");
  }

  /** Starts sending {@code rate} sales a second for {@code seconds}. */
  static OpenLoop start(BenchServer server, double rate, int seconds) {
    OpenLoop loop = new OpenLoop(server, rate, seconds);
    loop.scheduler.start();
    return loop;
  }

  /** The rate the sales are scheduled at, a second. */
  double rate() {
    return rate;
  }

  /** What was answered since the last call (or the start); latencies by the answer's time. */
  synchronized Window interval() {
    long now = System.nanoTime();
    Histogram h = latencies.getIntervalHistogram();
    long o = ok.get();
    long e = errors.get();
    Window w = new Window((now - intervalStart) / 1e9, o - okBefore, e - errorsBefore, h);
    intervalStart = now;
    okBefore = o;
    errorsBefore = e;
    return w;
  }

  /**
   * Waits for the last scheduled sale to be sent and every sale in flight to be answered (at most
   * the requests' 60 s timeout more).
   */
  void await() throws InterruptedException {
    scheduler.join();
    long deadline = System.nanoTime() + 70_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /**
   * The whole run at {@code rate} for {@code seconds} as {@code open_*} figures: the rate asked for
   * and achieved, p50/p95/p99/max from the scheduled moments, and the errors.
   */
  static Map<String, String> run(BenchServer server, double rate, int seconds)
      throws InterruptedException {
    OpenLoop loop = start(server, rate, seconds);
    loop.await();
    Window w = loop.interval();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("open_rate", CheckoutEmbedded.f(rate));
    out.put("open_achieved_rate", CheckoutEmbedded.f(w.tps()));
    out.put("open_seconds", Integer.toString(seconds));
    out.put("open_p50_ms", ms(w.ms(50)));
    out.put("open_p95_ms", ms(w.ms(95)));
    out.put("open_p99_ms", ms(w.ms(99)));
    out.put("open_max_ms", ms(w.latencies().getMaxValue() / 1000.0));
    out.put("open_errors", Long.toString(w.errors()));
    return out;
  }

  static String ms(double ms) {
    return String.format(Locale.ROOT, "%.1f", ms);
  }

  private void schedule() {
    String run = "open-" + Long.toString(System.nanoTime(), 36);
    List<StoreId> stores = server.stores;
    double gap = 1e9 / rate;
    for (long i = 0; ; i++) {
      long due = start + (long) (i * gap);
      if (due >= end) {
        return;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        if (Thread.interrupted()) {
          return;
        }
      }
      if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
        inFlight.decrementAndGet();
        errors.incrementAndGet();
        CheckoutHttp.ERROR_KINDS.merge("not sent: " + MAX_IN_FLIGHT + " in flight", 1L, Long::sum);
        continue;
      }
      StoreId store = stores.get((int) (i % stores.size()));
      server
          .http
          .sendAsync(server.sale(store, run + "-" + i), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                if (failure == null && response.statusCode() == 201) {
                  // from the moment it was due, not the moment it left
                  latencies.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
                  ok.incrementAndGet();
                } else {
                  errors.incrementAndGet();
                  CheckoutHttp.errorKind(response, failure);
                }
                inFlight.decrementAndGet();
              });
    }
  }
}
