package io.vruksha.retail.notification;

import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.order.Order;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.work.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns events into notifications and delivers them.
 *
 * <p>{@link #onEvent} (run by the notifications reaction, exactly once per event) renders one
 * notification per recipient: the customer of a ready order (by the order's contact) or of earned
 * points (by their e-mail, else phone), and every subscription of the store to that kind (the
 * manager's address for low stock and purchase orders sent, a web shop's webhook). Ids are derived
 * from the event and recipient, so a replay adds nothing.
 *
 * <p>{@link #deliverDue} claims due notifications, delivers them through the channel's {@link
 * NotificationDelivery} outside any unit of work, and records the outcome: SENT, or a retry after
 * 30 s, 1 min, 2 min, 4 min, and FAILED after {@value #MAX_ATTEMPTS} attempts. Delivery is at least
 * once: a crash between delivering and recording repeats it. Thread-safe when its ports are.
 */
public final class Notifier {

  /** Attempts before a notification is given up. */
  public static final int MAX_ATTEMPTS = 5;

  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final NotificationOutbox notifications;
  private final Orders orders;
  private final Customers customers;
  private final Stores stores;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /** A notifier over the engine's ports. */
  public Notifier(
      NotificationOutbox notifications,
      Orders orders,
      Customers customers,
      Stores stores,
      Outbox outbox,
      UnitOfWork work,
      Clock clock) {
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The notification outbox, templates and subscriptions. */
  public NotificationOutbox outbox() {
    return notifications;
  }

  /** Whether {@code event} is one that notifies someone. */
  public static boolean concerns(DomainEvent event) {
    return kindOf(event).isPresent();
  }

  private static Optional<Notification.Kind> kindOf(DomainEvent event) {
    if (event instanceof DomainEvent.OrderChanged o && o.status().equals("READY")) {
      return Optional.of(Notification.Kind.ORDER_READY);
    } else if (event instanceof DomainEvent.LoyaltyPointsEarned) {
      return Optional.of(Notification.Kind.POINTS_EARNED);
    } else if (event instanceof DomainEvent.StockLow) {
      return Optional.of(Notification.Kind.LOW_STOCK);
    } else if (event instanceof DomainEvent.PurchaseOrderChanged p && p.status().equals("SENT")) {
      return Optional.of(Notification.Kind.PURCHASE_ORDER_SENT);
    }
    return Optional.empty();
  }

  /** Subscribes someone to a kind of notification of a store. */
  public NotificationSubscription subscribe(NotificationSubscription s) {
    return work.runFor(
        s.store(),
        () -> {
          notifications.subscribe(s);
          return s;
        });
  }

  /** Sets a store's own words for a kind of notification on a channel. */
  public NotificationTemplate saveTemplate(NotificationTemplate t) {
    return work.runFor(
        t.store(),
        () -> {
          notifications.saveTemplate(t);
          return t;
        });
  }

  /**
   * Renders the notifications an event causes and adds them to the notification outbox (inside the
   * caller's unit of work, the reaction's). Returns those added.
   */
  public List<Notification> onEvent(EventEnvelope event) {
    Optional<Notification.Kind> kind = kindOf(event.payload());
    if (kind.isEmpty()) {
      return List.of();
    }
    StoreId store = event.store();
    Map<String, String> values = values(event.payload());
    Map<String, Notification.Channel> recipients = new LinkedHashMap<>();
    customerRecipient(event.payload()).ifPresent(r -> recipients.put(r, channelOf(r)));
    for (NotificationSubscription s : notifications.subscriptions(store)) {
      if (s.kind() == kind.get()) {
        recipients.putIfAbsent(s.recipient(), s.channel());
      }
    }
    Instant now = clock.instant();
    List<Notification> added = new ArrayList<>();
    recipients.forEach(
        (recipient, channel) -> {
          NotificationTemplate t =
              notifications
                  .template(store, kind.get(), channel)
                  .orElseGet(() -> NotificationTemplate.standard(store, kind.get(), channel));
          Notification n =
              new Notification(
                  store,
                  UUID.nameUUIDFromBytes(
                          (event.eventId() + "|" + channel + "|" + recipient)
                              .getBytes(StandardCharsets.UTF_8))
                      .toString(),
                  kind.get(),
                  channel,
                  recipient,
                  NotificationTemplate.render(t.subject(), values),
                  NotificationTemplate.render(t.body(), values),
                  Notification.Status.PENDING,
                  0,
                  now,
                  now,
                  Optional.empty(),
                  event.eventId().toString());
          if (notifications.add(n)) {
            added.add(n);
          }
        });
    return added;
  }

  private Optional<String> customerRecipient(DomainEvent event) {
    if (event instanceof DomainEvent.OrderChanged o) {
      return orders
          .find(o.store(), o.orderId())
          .map(Order::contact)
          .filter(c -> !c.equals(Order.FORGOTTEN_CONTACT)); // its customer was anonymised
    }
    if (event instanceof DomainEvent.LoyaltyPointsEarned p) {
      return customers
          .find(CustomerId.of(p.customerId()))
          .filter(c -> !c.anonymised())
          .flatMap(Notifier::reachable);
    }
    return Optional.empty();
  }

  private static Optional<String> reachable(Customer c) {
    return c.email().or(c::phone);
  }

  private static Notification.Channel channelOf(String recipient) {
    return recipient.contains("@") ? Notification.Channel.EMAIL : Notification.Channel.SMS;
  }

  private Map<String, String> values(DomainEvent event) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("store", stores.find(event.store()).map(s -> s.name()).orElse(event.store().value()));
    if (event instanceof DomainEvent.OrderChanged o) {
      v.put("orderId", o.orderId());
      v.put("total", o.total().toString());
      v.put("channel", o.channel());
    } else if (event instanceof DomainEvent.LoyaltyPointsEarned p) {
      v.put("customerId", p.customerId());
      v.put("points", Long.toString(p.points()));
      v.put("balance", Long.toString(p.balance()));
    } else if (event instanceof DomainEvent.StockLow l) {
      v.put("sku", l.sku());
      v.put("location", l.location());
      v.put("available", l.available().stripTrailingZeros().toPlainString());
      v.put("reorderPoint", l.reorderPoint().stripTrailingZeros().toPlainString());
      v.put("reorderQuantity", l.reorderQuantity().stripTrailingZeros().toPlainString());
    } else if (event instanceof DomainEvent.PurchaseOrderChanged p) {
      v.put("orderId", p.orderId());
      v.put("supplierId", p.supplierId());
    }
    return v;
  }

  /**
   * Delivers up to {@code limit} due notifications of the channels in {@code deliveries}; returns
   * how many were delivered now. Notifications of channels without a delivery stay pending.
   */
  public int deliverDue(List<NotificationDelivery> deliveries, int limit) {
    Map<Notification.Channel, NotificationDelivery> byChannel =
        new EnumMap<>(Notification.Channel.class);
    deliveries.forEach(d -> byChannel.put(d.channel(), d));
    Instant now = clock.instant();
    List<Notification> due = work.run(() -> notifications.claimDue(now, now.plus(LEASE), limit));
    int sent = 0;
    for (Notification n : due) {
      NotificationDelivery d = byChannel.get(n.channel());
      if (d == null) {
        release(n);
        continue;
      }
      Optional<String> error;
      try {
        d.deliver(n);
        error = Optional.empty();
      } catch (RuntimeException e) {
        error = Optional.of(String.valueOf(e.getMessage()));
      }
      record(n, error);
      if (error.isEmpty()) {
        sent++;
      }
    }
    return sent;
  }

  private void release(Notification n) {
    work.runFor(
        n.store(),
        () -> {
          notifications.update(n.dueAt(clock.instant()));
          return null;
        });
  }

  private void record(Notification n, Optional<String> error) {
    Instant now = clock.instant();
    Notification after;
    if (error.isEmpty()) {
      after = n.attempted(Notification.Status.SENT, now, Optional.empty());
    } else if (n.attempts() + 1 >= MAX_ATTEMPTS) {
      after = n.attempted(Notification.Status.FAILED, now, error);
    } else {
      after =
          n.attempted(
              Notification.Status.PENDING,
              now.plus(FIRST_RETRY.multipliedBy(1L << n.attempts())),
              error.map(e -> e.length() > 500 ? e.substring(0, 500) : e));
    }
    work.runFor(
        n.store(),
        () -> {
          notifications.update(after);
          if (after.status() != Notification.Status.PENDING) {
            outbox.append(
                EventEnvelope.of(
                    new DomainEvent.NotificationChanged(
                        after.store(),
                        after.id(),
                        after.kind().name(),
                        after.channel().name(),
                        after.status().name(),
                        after.attempts()),
                    now,
                    after.eventId()));
          }
          return null;
        });
  }
}
