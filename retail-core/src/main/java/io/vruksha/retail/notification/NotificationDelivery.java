package io.vruksha.retail.notification;

/**
 * Port: delivers notifications of one channel (an e-mail gateway, an SMS gateway, webhooks). It is
 * called outside any unit of work. Implementations must be thread-safe.
 */
public interface NotificationDelivery {

  /** The channel it delivers. */
  Notification.Channel channel();

  /**
   * Delivers one notification.
   *
   * @throws RuntimeException when delivery failed; the message is kept and the attempt retried
   */
  void deliver(Notification notification);
}
