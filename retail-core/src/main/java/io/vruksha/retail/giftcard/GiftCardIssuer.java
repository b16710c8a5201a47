package io.vruksha.retail.giftcard;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Issues gift cards: one per unit of a sold {@link GiftCardProduct} line, one holding a refund, or
 * one imported from another system; each with its fresh (or imported) code, its ISSUE ledger entry
 * and its {@code issued} event, in the caller's unit of work. Thread-safe when its ports are.
 */
final class GiftCardIssuer {

  private final GiftCardBook book;
  private final GiftCardEvents events;

  GiftCardIssuer(GiftCardBook book, GiftCardEvents events) {
    this.book = book;
    this.events = events;
  }

  /** Activates the cards the sale's gift card lines sold (see {@link GiftCards#activateSold}). */
  void sold(Sale sale, Actor by) {
    Map<Sku, GiftCardProduct> products =
        book.products(
            sale.basket().lines().stream().map(PricedLine::sku).collect(Collectors.toSet()));
    if (products.isEmpty()) {
      return;
    }
    for (PricedLine line : sale.basket().lines()) {
      Optional<GiftCardProduct> product = Optional.ofNullable(products.get(line.sku()));
      if (product.isEmpty()) {
        continue;
      }
      int units = wholeUnits(line);
      Money each = perUnit(line, units);
      for (int unit = 0; unit < units; unit++) {
        issue(
            sale.store(),
            each,
            GiftCard.Origin.SOLD,
            sale.id(),
            sale.at(),
            sale.at()
                .atOffset(ZoneOffset.UTC)
                .plusMonths(product.get().validityMonths())
                .toInstant(),
            by.staffId(),
            "sale:" + sale.id() + ":" + line.index() + ":" + unit,
            Optional.empty());
      }
    }
  }

  private static int wholeUnits(PricedLine line) {
    try {
      int units = line.quantity().value().intValueExact();
      if (units < 1) {
        throw new ArithmeticException();
      }
      return units;
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "gift cards (" + line.sku() + ") are sold in whole units, not " + line.quantity());
    }
  }

  private static Money perUnit(PricedLine line, int units) {
    Money total = line.total();
    if (!total.isPositive()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a gift card line (" + line.sku() + ") must charge above zero");
    }
    // 2 cards on a line of 50.00 are worth 25.00 each; 3 on 50.00 cannot share it to the cent
    if (total.minorUnits() % units != 0) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "the "
              + units
              + " gift cards of line "
              + line.index()
              + " cannot share "
              + total
              + " equally: sell them on separate lines");
    }
    return Money.ofMinor(total.currency(), total.minorUnits() / units);
  }

  /** A card holding a return's refund (see {@link GiftCards#issueRefund}). */
  GiftCard refund(StoreId store, Money refund, String returnId, Instant at, Actor by) {
    return issue(
        store,
        refund,
        GiftCard.Origin.REFUND,
        returnId,
        at,
        at.atOffset(ZoneOffset.UTC).plusMonths(GiftCards.DEFAULT_VALIDITY_MONTHS).toInstant(),
        by.staffId(),
        "return:" + returnId,
        Optional.empty());
  }

  /** A new active card, its ISSUE entry and its event; {@code importedCode} or a fresh code. */
  GiftCard issue(
      StoreId store,
      Money balance,
      GiftCard.Origin origin,
      String reference,
      Instant at,
      Instant expiresAt,
      String by,
      String key,
      Optional<String> importedCode) {
    String code = importedCode.orElseGet(() -> freshCode(store));
    GiftCard card =
        new GiftCard(
            store,
            UUID.randomUUID().toString(),
            code,
            balance,
            GiftCard.Status.ACTIVE,
            origin,
            reference,
            at,
            expiresAt);
    book.issue(
        card,
        new GiftCardEntry(
            store, card.id(), GiftCardEntry.Kind.ISSUE, balance, balance, at, by, reference, key));
    events.publish(card, "ISSUED", balance, reference, at);
    return card;
  }

  private String freshCode(StoreId store) {
    for (int i = 0; i < 10; i++) {
      String code = GiftCardCode.generate();
      if (book.byCode(store, code).isEmpty()) {
        return code;
      }
    }
    throw new IllegalStateException("ten random gift card codes in a row were taken");
  }
}
