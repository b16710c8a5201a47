package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a store's sales to find, answered by the {@link Sales} adapter itself (an index, not a
 * scan of every sale): newest first, at most {@code limit}.
 *
 * @param store the store
 * @param from sold at or after this instant, if given; kept as its first microsecond at or after
 *     ({@link Instants#microsCeiling}), which picks the same sales, since a sale's instant is in
 *     microseconds, and which PostgreSQL compares exactly
 * @param to sold before this instant (exclusive), if given; kept as its first microsecond at or
 *     after, as {@code from}
 * @param number the receipt number, if given (at most one sale has it)
 * @param customerId the customer, if given
 * @param shiftIds sold on one of these shifts, if given (a register's shifts: "sales of till-1")
 * @param status sold and never returned, or with at least one return against it, if given
 * @param limit at most this many, 1 to {@link #MAX_LIMIT}
 */
public record SaleQuery(
    StoreId store,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> number,
    Optional<String> customerId,
    Optional<Set<String>> shiftIds,
    Optional<Status> status,
    int limit) {

  /** The most sales one query answers. */
  public static final int MAX_LIMIT = 1000;

  /** Whether goods of a sale came back. */
  public enum Status {
    /** No return against it. */
    SOLD,
    /** At least one return against it, of some or all of its lines. */
    RETURNED
  }

  /** Checks the parts. */
  public SaleQuery {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(shiftIds, "shiftIds");
    Objects.requireNonNull(status, "status");
    shiftIds = shiftIds.map(Set::copyOf);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "limit must be 1 to " + MAX_LIMIT, List.of("limit"));
    }
    if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "to must be after from", List.of("from", "to"));
    }
    // checked as given, then brought to microseconds: two bounds within one microsecond are an
    // empty range, not a refusal
    from = from.map(Instants::microsCeiling);
    to = to.map(Instants::microsCeiling);
  }

  /** The newest {@code limit} sales of {@code store}, unfiltered. */
  public static SaleQuery of(StoreId store, int limit) {
    return new SaleQuery(
        store,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }

  /** Sold in {@code [from, to)}. */
  public SaleQuery between(Optional<Instant> newFrom, Optional<Instant> newTo) {
    return new SaleQuery(store, newFrom, newTo, number, customerId, shiftIds, status, limit);
  }

  /** With this receipt number. */
  public SaleQuery number(String newNumber) {
    return new SaleQuery(
        store, from, to, Optional.of(newNumber), customerId, shiftIds, status, limit);
  }

  /** Of this customer. */
  public SaleQuery customer(String newCustomerId) {
    return new SaleQuery(
        store, from, to, number, Optional.of(newCustomerId), shiftIds, status, limit);
  }

  /** Sold on one of these shifts. */
  public SaleQuery shifts(Set<String> newShiftIds) {
    return new SaleQuery(
        store, from, to, number, customerId, Optional.of(newShiftIds), status, limit);
  }

  /** In this status. */
  public SaleQuery status(Status newStatus) {
    return new SaleQuery(
        store, from, to, number, customerId, shiftIds, Optional.of(newStatus), limit);
  }

  /**
   * Whether {@code sale} answers the query, given whether it has a return: for adapters that filter
   * in memory.
   */
  public boolean matches(Sale sale, boolean returned) {
    return sale.store().equals(store)
        && from.map(f -> !sale.at().isBefore(f)).orElse(true)
        && to.map(t -> sale.at().isBefore(t)).orElse(true)
        && number.map(n -> n.equals(sale.number())).orElse(true)
        && customerId.map(c -> sale.customerId().equals(Optional.of(c))).orElse(true)
        && shiftIds.map(ids -> sale.shiftId().map(ids::contains).orElse(false)).orElse(true)
        && status.map(st -> returned == (st == Status.RETURNED)).orElse(true);
  }
}
