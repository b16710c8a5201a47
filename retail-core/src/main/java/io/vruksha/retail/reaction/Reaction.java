package io.vruksha.retail.reaction;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reactions of the reference architecture, each consuming some events and each behind its
 * feature flag (an environment variable, on unless set to {@code false}).
 */
public enum Reaction {
  /** A low-stock event drafts (or adds to) a purchase order with the cheapest supplier. */
  REORDER("ENABLE_AUTO_REORDER", "retail.inventory.stock.low.v1"),
  /** Completed sales and returns feed the daily sales and product performance aggregates. */
  ANALYTICS("ENABLE_ANALYTICS_EVENTS", "retail.pos.>"),
  /** A created customer is enrolled in the loyalty programme, where the engine did not do it. */
  LOYALTY_ENROLMENT("ENABLE_LOYALTY", "retail.customer.customer.created.v1"),
  /**
   * An order made ready, points earned, low stock or a purchase order sent adds notifications for
   * the customer and the store's subscribers to the notification outbox.
   */
  NOTIFICATIONS("ENABLE_NOTIFICATIONS", "retail.>");

  private final String flag;
  private final String subjectFilter;

  Reaction(String flag, String subjectFilter) {
    this.flag = flag;
    this.subjectFilter = subjectFilter;
  }

  /** The environment variable that turns it off with {@code false}. */
  public String flag() {
    return flag;
  }

  /** The subjects it consumes, as a NATS subject filter. */
  public String subjectFilter() {
    return subjectFilter;
  }

  /**
   * Its consumer's name: the durable consumer on the stream and the key of the events it has
   * handled, e.g. {@code reaction-loyalty-enrolment}.
   */
  public String consumerName() {
    return "reaction-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The reactions {@code env} enables: each is on unless its flag is {@code false}, {@code 0},
   * {@code no} or {@code off}; {@code true}, {@code 1}, {@code yes}, {@code on} or no value keep it
   * on. Any other value is refused, naming the variable.
   */
  public static Set<Reaction> enabled(Map<String, String> env) {
    Set<Reaction> on = EnumSet.noneOf(Reaction.class);
    for (Reaction r : values()) {
      if (flagValue(env, r.flag)) {
        on.add(r);
      }
    }
    return on;
  }

  /** A feature flag read as described at {@link #enabled}; absent means on. */
  public static boolean flagValue(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return true;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new InvalidInputException(
              ErrorCode.VALIDATION, name + "=" + value + " is not a flag: use true or false");
    };
  }
}
