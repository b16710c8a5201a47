package io.vruksha.retail.payment;

import io.vruksha.retail.store.StoreId;
import java.util.List;
import java.util.Optional;

/**
 * Port: pending checkouts and the provider payments that pay them. Every record belongs to a store
 * and is looked up with it. Writes join the caller's unit of work. Implementations must be
 * thread-safe; {@link #lockCheckout} makes two units of work on one checkout queue (a callback and
 * a poll arriving together).
 */
public interface Payments {

  /** Saves (inserts or replaces) a pending checkout. */
  void saveCheckout(PendingCheckout checkout);

  /** The store's pending checkout with this id. */
  Optional<PendingCheckout> findCheckout(StoreId store, String id);

  /**
   * The store's pending checkout with this id, locked until the unit of work ends, so steps on one
   * checkout run one after the other.
   */
  Optional<PendingCheckout> lockCheckout(StoreId store, String id);

  /** The store's pending checkout begun with this idempotency key. */
  Optional<PendingCheckout> checkoutByKey(StoreId store, String idempotencyKey);

  /** The store's checkouts still waiting for payment, oldest first. */
  List<PendingCheckout> openCheckouts(StoreId store);

  /** Saves (inserts or replaces) a payment. */
  void save(Payment payment);

  /** The store's payment with this id. */
  Optional<Payment> find(StoreId store, String id);

  /** The payments of a pending checkout, in the order of its tenders (by id). */
  List<Payment> ofCheckout(StoreId store, String checkoutId);

  /** The payments that paid a sale, by id. */
  List<Payment> ofSale(StoreId store, String saleId);

  /** The store's payments, oldest first (by creation, then id). */
  List<Payment> list(StoreId store);
}
