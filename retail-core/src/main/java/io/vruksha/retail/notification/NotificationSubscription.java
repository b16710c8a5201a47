package io.vruksha.retail.notification;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.store.StoreId;
import java.util.Objects;

/**
 * Someone at the store (or a system) who wants a kind of notification on a channel: the manager's
 * e-mail for low stock, a web shop's webhook for ready orders.
 *
 * @param store the store
 * @param kind what about
 * @param channel how
 * @param recipient an e-mail address, a phone number, or an {@code https://} (or {@code http://})
 *     URL for a webhook
 */
public record NotificationSubscription(
    StoreId store, Notification.Kind kind, Notification.Channel channel, String recipient) {

  /** Validates the recipient for its channel. */
  public NotificationSubscription {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    if (recipient == null || recipient.isBlank() || recipient.length() > 500) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a subscription needs a recipient");
    }
    recipient = recipient.strip();
    boolean ok =
        switch (channel) {
          case EMAIL -> recipient.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
          case SMS -> recipient.matches("\\+?[0-9 ()-]{5,32}");
          case WEBHOOK -> recipient.matches("https?://\\S+");
        };
    if (!ok) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, recipient + " is not a recipient for " + channel);
    }
  }
}
