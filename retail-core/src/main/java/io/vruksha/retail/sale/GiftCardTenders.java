package io.vruksha.retail.sale;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.List;

/**
 * What a checkout and a return ask of the gift cards ({@code giftcard.GiftCards} implements it):
 * codes screened before the sale's unit of work (so a wrong code is counted even though the sale
 * fails), redemptions and activations inside it. Implementations must be thread-safe.
 */
public interface GiftCardTenders {

  /**
   * Refuses codes that are no card of the store, counting each as a wrong code from {@code source};
   * refuses every code while the source is locked out. Runs in a unit of work of its own, so the
   * count stands when the caller fails.
   *
   * @throws io.vruksha.retail.RetailException GIFT_CARD_INVALID, GIFT_CARD_LOCKED, VALIDATION
   */
  void screen(StoreId store, List<String> codes, String source);

  /**
   * Takes {@code amount} from the card, in the sale's unit of work.
   *
   * @return what the receipt shows of the card (its masked code)
   * @throws io.vruksha.retail.RetailException GIFT_CARD_INVALID, GIFT_CARD_EXPIRED or
   *     TENDER_INSUFFICIENT (saying what is left on it)
   */
  String redeem(
      StoreId store, String code, Money amount, String saleId, int tender, Instant at, Actor by);

  /** Activates the cards sold on a sale's gift card lines, in the sale's unit of work. */
  void activateSold(Sale sale, Actor by);

  /**
   * Issues a new card holding a return's refund, in the return's unit of work.
   *
   * @return the card's masked code
   */
  String issueRefund(StoreId store, Money refund, String returnId, Instant at, Actor by);
}
