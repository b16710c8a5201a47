package io.vruksha.retail.notification;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.store.StoreId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a kind of notification on a channel, with {@code {placeholders}} filled from the
 * event: a store's own template replaces the built-in one.
 *
 * @param store the store
 * @param kind what it is about
 * @param channel the channel
 * @param subject the subject (e-mail) or title
 * @param body the text
 */
public record NotificationTemplate(
    StoreId store,
    Notification.Kind kind,
    Notification.Channel channel,
    String subject,
    String body) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  /** The placeholders each kind fills. */
  public static final Map<Notification.Kind, Set<String>> PLACEHOLDERS =
      Map.of(
          Notification.Kind.ORDER_READY, Set.of("store", "orderId", "total", "channel"),
          Notification.Kind.POINTS_EARNED, Set.of("store", "customerId", "points", "balance"),
          Notification.Kind.LOW_STOCK,
              Set.of("store", "sku", "location", "available", "reorderPoint", "reorderQuantity"),
          Notification.Kind.PURCHASE_ORDER_SENT, Set.of("store", "orderId", "supplierId"));

  /** Validates the texts and that they use only the kind's placeholders. */
  public NotificationTemplate {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(channel, "channel");
    if (subject == null || body == null || body.isBlank() || body.length() > 4_000) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a template needs a subject and a body of 1 to 4000 characters");
    }
    for (String text : new String[] {subject, body}) {
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        if (!PLACEHOLDERS.get(kind).contains(m.group(1))) {
          throw new InvalidInputException(
              ErrorCode.VALIDATION,
              "{"
                  + m.group(1)
                  + "} is not a placeholder of "
                  + kind
                  + "; use "
                  + new TreeSet<>(PLACEHOLDERS.get(kind)));
        }
      }
    }
  }

  /** The built-in template of a kind. */
  public static NotificationTemplate standard(
      StoreId store, Notification.Kind kind, Notification.Channel channel) {
    return switch (kind) {
      case ORDER_READY ->
          new NotificationTemplate(
              store,
              kind,
              channel,
              "Your order {orderId} is ready",
              "Your order {orderId} is ready for collection at {store}. Total: {total}.");
      case POINTS_EARNED ->
          new NotificationTemplate(
              store,
              kind,
              channel,
              "You earned {points} points",
              "Thank you for shopping at {store}: you earned {points} points, your balance is"
                  + " {balance}.");
      case LOW_STOCK ->
          new NotificationTemplate(
              store,
              kind,
              channel,
              "Low stock: {sku} at {store}",
              "{sku} at {store} ({location}) is down to {available}, below its reorder point"
                  + " {reorderPoint}; suggested reorder {reorderQuantity}.");
      case PURCHASE_ORDER_SENT ->
          new NotificationTemplate(
              store,
              kind,
              channel,
              "Purchase order {orderId} sent",
              "Purchase order {orderId} of {store} was sent to supplier {supplierId}.");
    };
  }

  /** Fills the placeholders of {@code text} from {@code values}. */
  static String render(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
