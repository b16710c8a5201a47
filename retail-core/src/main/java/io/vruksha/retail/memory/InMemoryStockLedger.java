package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.stock.AvailableToSell;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.ReorderRule;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.stock.StockLevel;
import io.vruksha.retail.stock.StockMovement;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link StockLedger} in memory. Thread-safe: every method holds the ledger's monitor, so the check
 * "enough available?" and the write are one atomic step; writes inside a unit of work register
 * their undo.
 */
public final class InMemoryStockLedger implements StockLedger {

  private record Reservation(StockKey key, BigDecimal quantity, Instant expiresAt) {}

  /** A reservation's id within its store: ids are unique per store only. */
  private record ReservationId(StoreId store, String id) {}

  private final Map<StockKey, BigDecimal> onHand = new HashMap<>();
  private final Map<StockKey, BigDecimal> reserved = new HashMap<>();
  private final Map<StockKey, List<StockMovement>> movements = new HashMap<>();
  private final Map<StockKey, ReorderRule> reorderRules = new HashMap<>();
  private final Set<StockKey> low = new HashSet<>();
  private final Set<Sku> negativeAllowed = new HashSet<>();
  private final Map<ReservationId, Reservation> reservations = new HashMap<>();
  private final Map<StockKey, BigDecimal> safetyBuffers = new HashMap<>();
  private long sequence;

  @Override
  public synchronized StockLevel level(StockKey key) {
    return new StockLevel(
        key,
        onHand.getOrDefault(key, BigDecimal.ZERO),
        reserved.getOrDefault(key, BigDecimal.ZERO));
  }

  @Override
  public synchronized StockMovement move(
      StockKey key,
      BigDecimal change,
      MovementReason reason,
      String reference,
      String note,
      Instant at,
      boolean allowNegative) {
    StockLevel level = level(key);
    if (change.signum() < 0 && !allowNegative && level.available().add(change).signum() < 0) {
      throw level.shortOf(change.negate());
    }
    BigDecimal before = level.onHand();
    onHand.put(key, before.add(change));
    StockMovement movement =
        new StockMovement(++sequence, key, change, reason, reference, note, at);
    List<StockMovement> list = movements.computeIfAbsent(key, k -> new ArrayList<>());
    list.add(movement);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            onHand.put(key, before);
            list.remove(movement);
          }
        });
    return movement;
  }

  @Override
  public synchronized List<StockMovement> movements(StockKey key) {
    return List.copyOf(movements.getOrDefault(key, List.of()));
  }

  @Override
  public synchronized List<StockLevel> levels(StoreId store) {
    Set<StockKey> keys = new HashSet<>(onHand.keySet());
    keys.addAll(reserved.keySet());
    return keys.stream()
        .filter(k -> k.store().equals(store))
        .sorted(
            Comparator.comparing((StockKey k) -> k.location().value())
                .thenComparing(k -> k.sku().value()))
        .map(this::level)
        .toList();
  }

  @Override
  public synchronized void setReorderRule(ReorderRule rule) {
    reorderRules.put(rule.key(), rule);
  }

  @Override
  public synchronized Optional<ReorderRule> reorderRule(StockKey key) {
    return Optional.ofNullable(reorderRules.get(key));
  }

  @Override
  public synchronized boolean markLow(StockKey key, boolean isLow) {
    boolean was = isLow ? !low.add(key) : low.remove(key);
    if (was != isLow) {
      InMemoryUnitOfWork.onRollback(
          () -> {
            synchronized (this) {
              if (was) {
                low.add(key);
              } else {
                low.remove(key);
              }
            }
          });
    }
    return was;
  }

  @Override
  public synchronized boolean allowsNegative(Sku sku) {
    return negativeAllowed.contains(sku);
  }

  @Override
  public synchronized void setAllowNegative(Sku sku, boolean allow) {
    if (allow) {
      negativeAllowed.add(sku);
    } else {
      negativeAllowed.remove(sku);
    }
  }

  @Override
  public synchronized void reserve(
      String id, StockKey key, BigDecimal quantity, Instant expiresAt) {
    ReservationId reservationId = new ReservationId(key.store(), id);
    // a reservation replaced under its own id holds units that become available to it again
    Reservation previous = reservations.get(reservationId);
    BigDecimal held =
        previous != null && previous.key().equals(key) ? previous.quantity() : BigDecimal.ZERO;
    BigDecimal toSell =
        level(key).available().add(held).subtract(safetyBuffers.getOrDefault(key, BigDecimal.ZERO));
    if (toSell.compareTo(quantity) < 0) {
      throw new RuleViolationException(
          ErrorCode.STOCK_INSUFFICIENT,
          "SKU "
              + key.sku()
              + " has "
              + toSell.max(BigDecimal.ZERO).stripTrailingZeros().toPlainString()
              + " available to reserve, "
              + quantity.stripTrailingZeros().toPlainString()
              + " requested");
    }
    release(reservationId);
    reservations.put(reservationId, new Reservation(key, quantity, expiresAt));
    reserved.merge(key, quantity, BigDecimal::add);
    // release(reservationId) above put back what it took on rollback
    InMemoryUnitOfWork.onRollback(() -> release(reservationId));
  }

  @Override
  public synchronized void shrink(StoreId store, String id, BigDecimal quantity) {
    ReservationId reservationId = new ReservationId(store, id);
    Reservation r = reservations.get(reservationId);
    if (r == null || r.quantity().compareTo(quantity) <= 0) {
      return;
    }
    if (quantity.signum() <= 0) {
      release(reservationId);
      return;
    }
    BigDecimal less = r.quantity().subtract(quantity);
    reservations.put(reservationId, new Reservation(r.key(), quantity, r.expiresAt()));
    reserved.merge(r.key(), less.negate(), BigDecimal::add);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            reservations.put(reservationId, r);
            reserved.merge(r.key(), less, BigDecimal::add);
          }
        });
  }

  @Override
  public synchronized void release(StoreId store, String id) {
    release(new ReservationId(store, id));
  }

  private synchronized void release(ReservationId reservationId) {
    Reservation r = reservations.remove(reservationId);
    if (r != null) {
      reserved.merge(r.key(), r.quantity().negate(), BigDecimal::add);
      InMemoryUnitOfWork.onRollback(
          () -> {
            synchronized (this) {
              reservations.put(reservationId, r);
              reserved.merge(r.key(), r.quantity(), BigDecimal::add);
            }
          });
    }
  }

  @Override
  public synchronized int expireReservations(Instant now) {
    List<ReservationId> expired =
        reservations.entrySet().stream()
            .filter(e -> !e.getValue().expiresAt().isAfter(now))
            .map(Map.Entry::getKey)
            .toList();
    expired.forEach(this::release);
    return expired.size();
  }

  @Override
  public synchronized void setSafetyBuffer(StockKey key, BigDecimal buffer) {
    BigDecimal before = safetyBuffers.put(key, buffer);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            if (before == null) {
              safetyBuffers.remove(key);
            } else {
              safetyBuffers.put(key, before);
            }
          }
        });
  }

  @Override
  public synchronized AvailableToSell availableToSell(StockKey key) {
    return new AvailableToSell(
        key,
        onHand.getOrDefault(key, BigDecimal.ZERO),
        reserved.getOrDefault(key, BigDecimal.ZERO),
        Optional.ofNullable(safetyBuffers.get(key)));
  }

  @Override
  public synchronized List<AvailableToSell> availableToSell(StoreId store) {
    return safetyBuffers.keySet().stream()
        .filter(k -> k.store().equals(store) && k.location().equals(LocationId.FLOOR))
        .sorted(Comparator.comparing(k -> k.sku().value()))
        .map(this::availableToSell)
        .toList();
  }
}
