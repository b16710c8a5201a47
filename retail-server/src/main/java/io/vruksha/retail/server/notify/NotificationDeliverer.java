package io.vruksha.retail.server.notify;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.notification.NotificationDelivery;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due notifications every few seconds through the deliveries the server has (webhooks when
 * {@code NOTIFY_WEBHOOK_SECRET} is set). E-mail and SMS have no gateway in the server: their
 * notifications wait in the outbox for an integrator's deliverer. Closed with the server.
 */
public final class NotificationDeliverer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationDeliverer.class);

  private final ScheduledExecutorService timer;

  private NotificationDeliverer(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts delivering every {@code seconds} through {@code deliveries}. */
  public static NotificationDeliverer start(
      RetailEngine engine, List<NotificationDelivery> deliveries, long seconds) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vruksha-notifications");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            int sent = engine.notifications().deliverDue(deliveries, 100);
            if (sent > 0) {
              LOG.info("delivered {} notifications", sent);
            }
          } catch (RuntimeException e) {
            LOG.warn("notification delivery waiting: {}", e.getMessage());
          }
        },
        seconds,
        seconds,
        TimeUnit.SECONDS);
    return new NotificationDeliverer(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
