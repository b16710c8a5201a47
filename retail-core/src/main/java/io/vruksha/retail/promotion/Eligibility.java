package io.vruksha.retail.promotion;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.loyalty.LoyaltyTier;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.time.Instants;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When, where and for whom a promotion applies. Every condition left empty is "any".
 *
 * <p>Days and hours are read in the store's time zone: "happy hour 17:00–19:00 on weekdays" means
 * the store's weekdays. The date window is half-open, {@code [from, until)}; the hour window too,
 * and it may wrap midnight (22:00–02:00).
 *
 * @param from first instant it applies
 * @param until first instant it no longer applies
 * @param days days of the week it applies on; empty for every day
 * @param fromTime start of the daily window
 * @param untilTime end of the daily window
 * @param stores stores it runs in; empty for every store
 * @param customerGroups customer groups it is for; empty for everyone
 * @param loyaltyTiers loyalty tiers it is for; empty for everyone
 * @param requiresCoupon true when only a presented coupon code unlocks it
 */
public record Eligibility(
    Optional<Instant> from,
    Optional<Instant> until,
    Set<DayOfWeek> days,
    Optional<LocalTime> fromTime,
    Optional<LocalTime> untilTime,
    Set<StoreId> stores,
    Set<CustomerGroupId> customerGroups,
    Set<LoyaltyTier> loyaltyTiers,
    boolean requiresCoupon) {

  /** No condition at all. */
  public static final Eligibility ALWAYS =
      new Eligibility(
          Optional.empty(),
          Optional.empty(),
          Set.of(),
          Optional.empty(),
          Optional.empty(),
          Set.of(),
          Set.of(),
          Set.of(),
          false);

  /** Validates the windows and copies the sets. */
  public Eligibility {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    from = from.map(Instants::micros);
    until = until.map(Instants::micros);
    Objects.requireNonNull(fromTime, "fromTime");
    Objects.requireNonNull(untilTime, "untilTime");
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    stores = Set.copyOf(stores);
    customerGroups = Set.copyOf(customerGroups);
    loyaltyTiers = Set.copyOf(loyaltyTiers);
    if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID, "a promotion cannot end before it starts");
    }
    if (fromTime.isPresent() != untilTime.isPresent()) {
      throw new InvalidInputException(
          ErrorCode.PROMOTION_INVALID, "a daily window needs both a start and an end time");
    }
  }

  /** This eligibility within {@code [from, until)}. */
  public Eligibility between(Instant from, Instant until) {
    return new Eligibility(
        Optional.of(from),
        Optional.of(until),
        days,
        fromTime,
        untilTime,
        stores,
        customerGroups,
        loyaltyTiers,
        requiresCoupon);
  }

  /** This eligibility on the given days of the week only. */
  public Eligibility on(DayOfWeek... onDays) {
    return new Eligibility(
        from,
        until,
        Set.of(onDays),
        fromTime,
        untilTime,
        stores,
        customerGroups,
        loyaltyTiers,
        requiresCoupon);
  }

  /** This eligibility between two times of day only. */
  public Eligibility hours(LocalTime start, LocalTime end) {
    return new Eligibility(
        from,
        until,
        days,
        Optional.of(start),
        Optional.of(end),
        stores,
        customerGroups,
        loyaltyTiers,
        requiresCoupon);
  }

  /** This eligibility in the given stores only. */
  public Eligibility inStores(StoreId... ids) {
    return new Eligibility(
        from,
        until,
        days,
        fromTime,
        untilTime,
        Set.of(ids),
        customerGroups,
        loyaltyTiers,
        requiresCoupon);
  }

  /** This eligibility for the given customer groups only. */
  public Eligibility forGroups(CustomerGroupId... groups) {
    return new Eligibility(
        from,
        until,
        days,
        fromTime,
        untilTime,
        stores,
        Set.of(groups),
        loyaltyTiers,
        requiresCoupon);
  }

  /** This eligibility for the given loyalty tiers only. */
  public Eligibility forTiers(LoyaltyTier... tiers) {
    return new Eligibility(
        from,
        until,
        days,
        fromTime,
        untilTime,
        stores,
        customerGroups,
        Set.of(tiers),
        requiresCoupon);
  }

  /** This eligibility unlocked only by a coupon code. */
  public Eligibility withCoupon() {
    return new Eligibility(
        from, until, days, fromTime, untilTime, stores, customerGroups, loyaltyTiers, true);
  }

  /** True when every condition except the coupon holds for {@code ctx}. */
  public boolean admits(PromotionContext ctx) {
    if (!stores.isEmpty() && !stores.contains(ctx.store())) {
      return false;
    }
    if (from.isPresent() && ctx.at().isBefore(from.get())) {
      return false;
    }
    if (until.isPresent() && !ctx.at().isBefore(until.get())) {
      return false;
    }
    ZonedDateTime local = ctx.at().atZone(ctx.zone());
    if (!days.isEmpty() && !days.contains(local.getDayOfWeek())) {
      return false;
    }
    if (fromTime.isPresent() && !withinDailyWindow(local.toLocalTime())) {
      return false;
    }
    if (!customerGroups.isEmpty()
        && ctx.customerGroup().map(g -> !customerGroups.contains(g)).orElse(true)) {
      return false;
    }
    return loyaltyTiers.isEmpty() || ctx.loyaltyTier().map(loyaltyTiers::contains).orElse(false);
  }

  private boolean withinDailyWindow(LocalTime time) {
    LocalTime start =
        fromTime.orElseThrow(() -> new IllegalStateException("a daily window without its start"));
    LocalTime end =
        untilTime.orElseThrow(() -> new IllegalStateException("a daily window without its end"));
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    // the window wraps midnight, e.g. 22:00–02:00
    return !time.isBefore(start) || time.isBefore(end);
  }
}
