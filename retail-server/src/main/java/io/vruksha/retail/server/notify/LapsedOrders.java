package io.vruksha.retail.server.notify;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.store.Store;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels open orders whose stock hold ended, store by store, once a minute: their reservations go
 * back to available to sell and a prepayment is recorded as refunded. Several servers may run it at
 * once; each order row is locked by the step, and a cancelled order is cancelled once. Closed with
 * the server.
 */
public final class LapsedOrders implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LapsedOrders.class);

  private final ScheduledExecutorService timer;

  private LapsedOrders(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts checking every {@code seconds}. */
  public static LapsedOrders start(RetailEngine engine, Clock clock, long seconds) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vruksha-lapsed-orders");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          for (Store store : engine.stores().all()) {
            try {
              int n = engine.orders().cancelLapsed(store.id(), clock.instant()).size();
              if (n > 0) {
                LOG.info("cancelled {} lapsed orders of {}", n, store.id());
              }
            } catch (RuntimeException e) {
              LOG.warn("lapsed orders of {} waiting: {}", store.id(), e.getMessage());
            }
          }
        },
        seconds,
        seconds,
        TimeUnit.SECONDS);
    return new LapsedOrders(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
