package io.vruksha.retail.giftcard;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a store owes on its gift cards, day by day in its own time zone: each day opens with what
 * the cards held at its start, moves by what was issued, reloaded, redeemed, expired and cancelled,
 * and closes with what they hold at its end. {@code closing = opening + issued + reloaded -
 * redeemed - expired - cancelled}, and each day's closing is the next day's opening.
 *
 * @param store the store
 * @param days the days asked for, oldest first
 */
public record GiftCardLiability(StoreId store, List<Day> days) {

  /** Copies the days. */
  public GiftCardLiability {
    Objects.requireNonNull(store, "store");
    days = List.copyOf(days);
  }

  /**
   * One business day.
   *
   * @param day the day, in the store's zone
   * @param opening what the cards held at its start
   * @param issued sold, refunded and imported onto new cards
   * @param reloaded added to cards
   * @param redeemed spent (a positive amount)
   * @param expired left on cards that expired (breakage)
   * @param cancelled left on cards a manager cancelled
   * @param closing what the cards held at its end
   */
  public record Day(
      LocalDate day,
      Money opening,
      Money issued,
      Money reloaded,
      Money redeemed,
      Money expired,
      Money cancelled,
      Money closing) {}
}
