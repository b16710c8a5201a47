package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.warranty.Warranty;
import io.vruksha.retail.warranty.WarrantyBook;
import io.vruksha.retail.warranty.WarrantyClaim;
import io.vruksha.retail.warranty.WarrantyPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link WarrantyBook} in memory. Thread-safe (one monitor); writes undo on rollback. */
public final class InMemoryWarrantyBook implements WarrantyBook {

  private final Map<Sku, WarrantyPolicy> policies = new HashMap<>();
  private final Map<String, Warranty> warranties = new LinkedHashMap<>();
  private final List<WarrantyClaim> claims = new ArrayList<>();

  private static String key(StoreId store, String serial) {
    return store.value() + "\u0000" + serial;
  }

  @Override
  public synchronized void savePolicy(WarrantyPolicy policy) {
    policies.put(policy.sku(), policy);
  }

  @Override
  public synchronized Optional<WarrantyPolicy> policy(Sku sku) {
    return Optional.ofNullable(policies.get(sku));
  }

  @Override
  public synchronized void save(Warranty warranty) {
    String key = key(warranty.store(), warranty.serial());
    Warranty before = warranties.get(key);
    if (before != null
        && before.status() == Warranty.Status.ACTIVE
        && warranty.status() == Warranty.Status.ACTIVE
        && !before.saleId().equals(warranty.saleId())) {
      throw new RuleViolationException(
          ErrorCode.DUPLICATE,
          "serial " + warranty.serial() + " was already sold on receipt " + before.receiptNumber());
    }
    warranties.put(key, warranty);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              warranties.remove(key);
            } else {
              warranties.put(key, before);
            }
          }
        });
  }

  @Override
  public synchronized Optional<Warranty> bySerial(StoreId store, String serial) {
    return Optional.ofNullable(warranties.get(key(store, serial)));
  }

  @Override
  public synchronized List<Warranty> byReceipt(StoreId store, String receiptNumber) {
    return warranties.values().stream()
        .filter(w -> w.store().equals(store) && w.receiptNumber().equals(receiptNumber))
        .sorted(Comparator.comparing(Warranty::lineIndex).thenComparing(Warranty::serial))
        .toList();
  }

  @Override
  public synchronized List<Warranty> list(StoreId store) {
    return warranties.values().stream()
        .filter(w -> w.store().equals(store))
        .sorted(Comparator.comparing(Warranty::startsAt).reversed().thenComparing(Warranty::serial))
        .toList();
  }

  @Override
  public synchronized void addClaim(WarrantyClaim claim) {
    claims.add(claim);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            claims.remove(claim);
          }
        });
  }

  @Override
  public synchronized List<WarrantyClaim> claims(StoreId store, String serial) {
    // as PostgreSQL lists them: claim instant, then id
    return claims.stream()
        .filter(c -> c.store().equals(store) && c.serial().equals(serial))
        .sorted(Comparator.comparing(WarrantyClaim::at).thenComparing(WarrantyClaim::id))
        .toList();
  }
}
