package io.vruksha.retail.giftcard;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The day-by-day liability report of {@link GiftCards#liability}: the opening balance from the
 * book, then each day's issues, reloads, redemptions, expiries and cancellations in the store's
 * currency and time zone.
 */
final class GiftCardLiabilityReport {

  private GiftCardLiabilityReport() {}

  /** What {@code s} owes from {@code from} to {@code to}, read in the caller's unit of work. */
  static GiftCardLiability of(
      GiftCardBook book,
      StoreId store,
      Store s,
      LocalDate from,
      LocalDate to,
      Instant start,
      Instant end) {
    Money running = book.outstanding(store, s.currency(), start);
    List<GiftCardEntry> entries = book.entriesBetween(store, start, end);
    List<GiftCardLiability.Day> days = new ArrayList<>();
    int i = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      Instant dayEnd = day.plusDays(1).atStartOfDay(s.zone()).toInstant();
      Map<GiftCardEntry.Kind, Money> sums = new EnumMap<>(GiftCardEntry.Kind.class);
      for (GiftCardEntry.Kind k : GiftCardEntry.Kind.values()) {
        sums.put(k, Money.zero(s.currency()));
      }
      Money opening = running;
      while (i < entries.size() && entries.get(i).at().isBefore(dayEnd)) {
        GiftCardEntry e = entries.get(i++);
        if (e.amount().currency().equals(s.currency())) {
          sums.merge(e.kind(), e.amount(), Money::plus);
          running = running.plus(e.amount());
        }
      }
      days.add(
          new GiftCardLiability.Day(
              day,
              opening,
              sums.get(GiftCardEntry.Kind.ISSUE),
              sums.get(GiftCardEntry.Kind.RELOAD),
              sums.get(GiftCardEntry.Kind.REDEEM).negate(),
              sums.get(GiftCardEntry.Kind.EXPIRE).negate(),
              sums.get(GiftCardEntry.Kind.CANCEL).negate(),
              running));
    }
    return new GiftCardLiability(store, days);
  }
}
