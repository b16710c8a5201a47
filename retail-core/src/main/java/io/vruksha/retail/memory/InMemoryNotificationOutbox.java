package io.vruksha.retail.memory;

import io.vruksha.retail.notification.Notification;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.notification.NotificationSubscription;
import io.vruksha.retail.notification.NotificationTemplate;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link NotificationOutbox} in memory. Thread-safe (one monitor); writes undo on rollback. */
public final class InMemoryNotificationOutbox implements NotificationOutbox {

  private final Map<String, NotificationTemplate> templates = new HashMap<>();
  private final Set<NotificationSubscription> subscriptions = new LinkedHashSet<>();
  private final Map<String, Notification> notifications = new LinkedHashMap<>();

  private static String key(StoreId store, String id) {
    return store.value() + "\u0000" + id;
  }

  @Override
  public synchronized void saveTemplate(NotificationTemplate t) {
    templates.put(key(t.store(), t.kind() + "/" + t.channel()), t);
  }

  @Override
  public synchronized Optional<NotificationTemplate> template(
      StoreId store, Notification.Kind kind, Notification.Channel channel) {
    return Optional.ofNullable(templates.get(key(store, kind + "/" + channel)));
  }

  @Override
  public synchronized void subscribe(NotificationSubscription s) {
    subscriptions.add(s);
  }

  @Override
  public synchronized boolean unsubscribe(NotificationSubscription s) {
    return subscriptions.remove(s);
  }

  @Override
  public synchronized List<NotificationSubscription> subscriptions(StoreId store) {
    // as PostgreSQL lists them: by kind, channel and recipient
    return subscriptions.stream()
        .filter(s -> s.store().equals(store))
        .sorted(
            Comparator.comparing((NotificationSubscription s) -> s.kind().name())
                .thenComparing(s -> s.channel().name())
                .thenComparing(NotificationSubscription::recipient))
        .toList();
  }

  @Override
  public synchronized boolean add(Notification n) {
    String key = key(n.store(), n.id());
    if (notifications.containsKey(key)) {
      return false;
    }
    put(key, n);
    return true;
  }

  private void put(String key, Notification n) {
    Notification before = notifications.put(key, n);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              notifications.remove(key);
            } else {
              notifications.put(key, before);
            }
          }
        });
  }

  @Override
  public synchronized List<Notification> claimDue(Instant now, Instant leaseUntil, int limit) {
    List<Notification> due =
        notifications.values().stream()
            .filter(
                n -> n.status() == Notification.Status.PENDING && !n.nextAttemptAt().isAfter(now))
            .sorted(Comparator.comparing(Notification::nextAttemptAt))
            .limit(limit)
            .toList();
    List<Notification> claimed = new ArrayList<>();
    for (Notification n : due) {
      Notification leased = n.dueAt(leaseUntil);
      put(key(n.store(), n.id()), leased);
      claimed.add(leased);
    }
    return claimed;
  }

  @Override
  public synchronized void update(Notification n) {
    String key = key(n.store(), n.id());
    Notification stored = notifications.get(key);
    if (stored != null) {
      put(key, stored.withOutcomeOf(n));
    }
  }

  @Override
  public synchronized Optional<Notification> find(StoreId store, String id) {
    return Optional.ofNullable(notifications.get(key(store, id)));
  }

  @Override
  public synchronized List<Notification> list(StoreId store, int limit) {
    List<Notification> all =
        new ArrayList<>(
            notifications.values().stream().filter(n -> n.store().equals(store)).toList());
    Collections.reverse(all);
    return all.stream().limit(limit).toList();
  }

  @Override
  public synchronized int forgetRecipient(String recipient) {
    if (recipient == null || recipient.isBlank()) {
      return 0;
    }
    int changed = 0;
    for (Map.Entry<String, Notification> e : List.copyOf(notifications.entrySet())) {
      Notification n = e.getValue();
      if (!n.recipient().equals(recipient)) {
        continue;
      }
      changed++;
      if (n.status() == Notification.Status.PENDING) {
        notifications.remove(e.getKey());
        InMemoryUnitOfWork.onRollback(
            () -> {
              synchronized (this) {
                notifications.put(e.getKey(), n);
              }
            });
      } else {
        put(e.getKey(), n.withoutRecipient());
      }
    }
    return changed;
  }
}
