package io.vruksha.retail.memory;

import io.vruksha.retail.payment.Payment;
import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.payment.PendingCheckout;
import io.vruksha.retail.store.StoreId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Payments} in memory. Thread-safe (one monitor); writes undo on rollback. {@link
 * #lockCheckout} needs no lock of its own: in-memory units of work already run one at a time.
 */
public final class InMemoryPayments implements Payments {

  private final Map<String, PendingCheckout> checkouts = new LinkedHashMap<>();
  private final Map<String, Payment> payments = new LinkedHashMap<>();

  private static String key(StoreId store, String id) {
    return store.value() + "\u0000" + id;
  }

  @Override
  public synchronized void saveCheckout(PendingCheckout checkout) {
    put(checkouts, key(checkout.store(), checkout.id()), checkout);
  }

  @Override
  public synchronized Optional<PendingCheckout> findCheckout(StoreId store, String id) {
    return Optional.ofNullable(checkouts.get(key(store, id)));
  }

  @Override
  public Optional<PendingCheckout> lockCheckout(StoreId store, String id) {
    return findCheckout(store, id);
  }

  @Override
  public synchronized Optional<PendingCheckout> checkoutByKey(
      StoreId store, String idempotencyKey) {
    return checkouts.values().stream()
        .filter(c -> c.store().equals(store) && c.request().idempotencyKey().equals(idempotencyKey))
        .findFirst();
  }

  @Override
  public synchronized List<PendingCheckout> openCheckouts(StoreId store) {
    return checkouts.values().stream()
        .filter(c -> c.store().equals(store) && c.status().open())
        .sorted(Comparator.comparing(PendingCheckout::beganAt).thenComparing(PendingCheckout::id))
        .toList();
  }

  @Override
  public synchronized void save(Payment payment) {
    put(payments, key(payment.store(), payment.id()), payment);
  }

  @Override
  public synchronized Optional<Payment> find(StoreId store, String id) {
    return Optional.ofNullable(payments.get(key(store, id)));
  }

  @Override
  public synchronized List<Payment> ofCheckout(StoreId store, String checkoutId) {
    return payments.values().stream()
        .filter(p -> p.store().equals(store) && p.checkoutId().equals(checkoutId))
        .sorted(Comparator.comparing(Payment::id))
        .toList();
  }

  @Override
  public synchronized List<Payment> ofSale(StoreId store, String saleId) {
    return payments.values().stream()
        .filter(p -> p.store().equals(store) && p.saleId().equals(Optional.of(saleId)))
        .sorted(Comparator.comparing(Payment::id))
        .toList();
  }

  @Override
  public synchronized List<Payment> list(StoreId store) {
    return payments.values().stream()
        .filter(p -> p.store().equals(store))
        .sorted(Comparator.comparing(Payment::createdAt).thenComparing(Payment::id))
        .toList();
  }

  private <T> void put(Map<String, T> map, String key, T value) {
    T before = map.put(key, value);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              map.remove(key);
            } else {
              map.put(key, before);
            }
          }
        });
  }
}
