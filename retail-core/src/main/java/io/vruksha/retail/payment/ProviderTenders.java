package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Tender;
import java.util.ArrayList;
import java.util.List;

/**
 * The tender rules of a checkout paid through providers, checked before anything is reserved: which
 * tenders may be mixed with a provider's, that they cover the total, and that a provider's
 * instrument (a card number) is never stored.
 */
final class ProviderTenders {

  private ProviderTenders() {}

  /**
   * The request's tenders paid through providers, in order.
   *
   * @throws InvalidInputException when another kind than cash or a card reference is mixed in, or
   *     no tender is paid through a provider
   */
  static List<Tender.Provider> asked(CheckoutRequest request) {
    List<Tender.Provider> asked = new ArrayList<>();
    for (Tender t : request.tenders()) {
      if (t instanceof Tender.Provider p) {
        asked.add(p);
      } else if (t instanceof Tender.GiftCard) {
        // the card would be redeemed only when the provider approves, minutes later: its balance
        // is not held meanwhile, so another till could spend it first and the approved sale fail
        throw new InvalidInputException(
            ErrorCode.TENDER_INVALID,
            "a gift card cannot pay part of a sale that waits for a payment provider (its balance"
                + " is not held while the provider decides): take the gift card in a sale of its"
                + " own at the till, or pay the rest in cash or by card");
      } else if (!(t instanceof Tender.Cash) && !(t instanceof Tender.Card)) {
        throw new InvalidInputException(
            ErrorCode.TENDER_INVALID,
            "only cash and card references can be mixed with a payment through a provider");
      }
    }
    if (asked.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a pending checkout needs a tender paid through a provider (CARD, BNPL or CRYPTO);"
              + " a sale paid at once is a plain checkout");
    }
    return asked;
  }

  /** The request as stored: a provider instrument (a card number) is never kept. */
  static CheckoutRequest withoutInstruments(CheckoutRequest r) {
    List<Tender> kept = new ArrayList<>();
    for (Tender t : r.tenders()) {
      kept.add(t instanceof Tender.Provider p ? new Tender.Provider(p.kind(), p.amount(), "") : t);
    }
    return new CheckoutRequest(r.idempotencyKey(), r.basket(), kept, r.shiftId());
  }

  /** The checks a checkout makes on its tenders, made before anything is reserved. */
  static void requireCovered(List<Tender> tenders, PricedBasket basket) {
    Money zero = Money.zero(basket.currency());
    Money nonCash = zero;
    Money cash = zero;
    for (Tender t : tenders) {
      Money m =
          t instanceof Tender.Cash c
              ? c.given()
              : t instanceof Tender.Card c ? c.amount() : ((Tender.Provider) t).amount();
      if (!m.currency().equals(basket.currency())) {
        throw new InvalidInputException(
            ErrorCode.CURRENCY_MISMATCH,
            "the store takes " + basket.currency() + ", not " + m.currency());
      }
      if (t instanceof Tender.Cash) {
        cash = cash.plus(m);
      } else {
        nonCash = nonCash.plus(m);
      }
    }
    if (nonCash.compareTo(basket.total()) > 0) {
      throw new InvalidInputException(
          ErrorCode.TENDER_INVALID,
          "only cash may overpay: the other tenders come to "
              + nonCash
              + " on a total of "
              + basket.total());
    }
    Money remaining = basket.total().minus(nonCash);
    Money due = cash.isPositive() ? basket.cashRounding().apply(remaining) : remaining;
    if (cash.compareTo(due) < 0) {
      throw new RuleViolationException(
          ErrorCode.TENDER_INSUFFICIENT,
          due.minus(cash) + " is still due" + (cash.isPositive() ? " in cash" : ""));
    }
  }
}
