package io.vruksha.retail.sync;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardBook;
import io.vruksha.retail.giftcard.GiftCardEntry;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.loyalty.Loyalty;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.AppliedTender;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.StoreId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a till's document at the centre, inside the caller's unit of work, as the till made it.
 *
 * <ul>
 *   <li>A sale is stored verbatim (its prices, promotions, taxes and tenders: never priced again),
 *       with its paid invoice; its stock is booked out even where on hand goes below zero (the
 *       goods have left the shop) and such SKUs are flagged {@link TillFlag.Kind#OVERSOLD}.
 *   <li>Loyalty (when the centre runs a programme and the sale names a customer): the points the
 *       sale earned are added, the points it redeemed taken, even beyond the centre's balance,
 *       which then goes below zero; the shortfall is flagged {@link TillFlag.Kind#POINTS_SHORT}.
 *   <li>Gift cards: each gift card tender is taken from the store's active card with that masked
 *       code, as far as its balance goes (a card's balance never goes below zero); what the card
 *       cannot cover, or a tender no single card matches, is flagged {@link
 *       TillFlag.Kind#GIFT_CARD_SHORT}. Store credit likewise ({@link
 *       TillFlag.Kind#STORE_CREDIT_SHORT}).
 *   <li>A return: its receipt stored, restocked lines back on the floor, the points its units
 *       earned taken back (never below a zero balance, as {@code Returns} does), a refund to store
 *       credit credited, the sale's invoice credited; a refund onto a new gift card the till issued
 *       is flagged {@link TillFlag.Kind#REFUND_UNBOOKED} (the centre does not hold that card).
 *   <li>A shift close: the shift with its cash movements and its Z report stored.
 * </ul>
 *
 * Every document gets an entry in the centre's own journal of the store, with the till's number,
 * time, totals and lines; the till's entry is kept verbatim in the {@link TillLedger}. The usual
 * events go to the outbox: sale completed, invoice created, stock updated (and low), points earned,
 * return completed, shift closed.
 */
final class TillDocuments {

  private final TillLedger ledger;
  private final RetailEngine engine;
  private final Outbox outbox;

  TillDocuments(TillLedger ledger, RetailEngine engine, Outbox outbox) {
    this.ledger = ledger;
    this.engine = engine;
    this.outbox = outbox;
  }

  /** Applies {@code d}; returns the SKUs its sale took below zero, with their on hand. */
  Map<String, BigDecimal> apply(StoreId store, String till, TillDocument d) {
    Map<String, BigDecimal> oversold = new LinkedHashMap<>();
    FiscalDocument e = d.entry();
    FiscalDocument centre =
        engine
            .journal()
            .append(
                store,
                e.kind(),
                e.number(),
                e.issuedAt(),
                e.total(),
                e.tax(),
                FiscalJournal.body(e));
    switch (e.kind()) {
      case INVOICE -> sale(store, till, d, d.sale().orElseThrow(), centre, oversold);
      case CREDIT_NOTE -> creditNote(d, d.returnReceipt().orElseThrow(), centre);
      case Z_REPORT -> zReport(d.shift().orElseThrow(), d.zReport().orElseThrow());
    }
    ledger.accept(store, till, e);
    return oversold;
  }

  private void sale(
      StoreId store,
      String till,
      TillDocument d,
      Sale sale,
      FiscalDocument centre,
      Map<String, BigDecimal> oversold) {
    engine.sales().save(sale);
    engine.billing().invoices().save(Checkout.paidInvoice(sale));
    Map<Sku, BigDecimal> negative = engine.stock().bookSold(sale.basket(), sale.id());
    negative.forEach(
        (sku, onHand) -> {
          oversold.put(sku.value(), onHand);
          flag(d, TillFlag.Kind.OVERSOLD, sku.value(), onHand.toPlainString());
        });
    loyalty(d, sale);
    for (int i = 0; i < sale.tenders().size(); i++) {
      AppliedTender t = sale.tenders().get(i);
      if (t.kind() == TenderKind.GIFT_CARD) {
        giftCard(d, sale, t, i);
      } else if (t.kind() == TenderKind.STORE_CREDIT) {
        storeCredit(d, sale, t);
      }
    }
    Checkout.saleEvents(sale, centre).forEach(outbox::append);
  }

  private void loyalty(TillDocument d, Sale sale) {
    Optional<Loyalty> loyalty = engine.loyalty();
    if (loyalty.isEmpty() || sale.customerId().isEmpty()) {
      return;
    }
    String who = sale.customerId().get();
    if (sale.pointsRedeemed() > 0) {
      long balance = loyalty.get().balance(who);
      long short_ = sale.pointsRedeemed() - Math.max(0, balance);
      loyalty
          .get()
          .ledger()
          .append(
              new LoyaltyEntry(
                  who, LoyaltyEntry.Kind.REDEEM, -sale.pointsRedeemed(), 0, sale.id(), sale.at()));
      if (short_ > 0) {
        flag(d, TillFlag.Kind.POINTS_SHORT, who, Long.toString(short_));
      }
    }
    long earned = sale.pointsEarned();
    loyalty
        .get()
        .ledger()
        .append(
            new LoyaltyEntry(
                who,
                LoyaltyEntry.Kind.EARN,
                earned,
                sale.basket().net().minorUnits(),
                sale.id(),
                sale.at()));
    if (earned > 0) {
      outbox.append(
          EventEnvelope.of(
              new DomainEvent.LoyaltyPointsEarned(
                  sale.store(), who, earned, loyalty.get().balance(who), sale.id()),
              sale.at(),
              sale.id()));
    }
  }

  private void giftCard(TillDocument d, Sale sale, AppliedTender t, int index) {
    GiftCardBook book = engine.giftCards().book();
    List<GiftCard> matching =
        book.list(sale.store()).stream()
            .filter(c -> c.maskedCode().equals(t.reference()))
            .filter(c -> c.status() == GiftCard.Status.ACTIVE && !c.expiredAt(sale.at()))
            .filter(c -> c.balance().currency().equals(t.amount().currency()))
            .toList();
    Money taken = Money.zero(t.amount().currency());
    if (matching.size() == 1) {
      GiftCard card = matching.get(0);
      taken = card.balance().compareTo(t.amount()) < 0 ? card.balance() : t.amount();
      if (taken.isPositive()) {
        book.change(
            sale.store(),
            card.id(),
            GiftCardEntry.Kind.REDEEM,
            taken.negate(),
            sale.at(),
            sale.cashierId(),
            sale.id(),
            "sale:" + sale.id() + ":" + index);
      }
    }
    Money short_ = t.amount().minus(taken);
    if (short_.isPositive()) {
      flag(d, TillFlag.Kind.GIFT_CARD_SHORT, t.reference(), short_.toString());
    }
  }

  private void storeCredit(TillDocument d, Sale sale, AppliedTender t) {
    String who = sale.customerId().orElse(t.reference());
    Money balance = engine.storeCredits().balance(who, t.amount().currency());
    Money taken = balance.compareTo(t.amount()) < 0 ? balance : t.amount();
    if (taken.isPositive()) {
      engine.storeCredits().change(who, taken.negate(), sale.id());
    }
    Money short_ = t.amount().minus(taken.isPositive() ? taken : Money.zero(taken.currency()));
    if (short_.isPositive()) {
      flag(d, TillFlag.Kind.STORE_CREDIT_SHORT, who, short_.toString());
    }
  }

  private void creditNote(TillDocument d, ReturnReceipt r, FiscalDocument centre) {
    Optional<Sale> sale = engine.sales().find(r.saleId());
    engine.sales().saveReturn(r);
    long points = 0;
    for (ReturnReceipt.Line l : r.lines()) {
      points += l.pointsTakenBack();
      if (l.restocked()) {
        engine
            .stock()
            .book(
                StockKey.floor(r.store(), Sku.of(l.sku())),
                l.quantity(),
                MovementReason.RETURN,
                r.id(),
                r.creditNoteNumber(),
                r.id());
      }
    }
    Optional<String> customer = sale.flatMap(Sale::customerId);
    if (points > 0 && customer.isPresent() && engine.loyalty().isPresent()) {
      Loyalty loyalty = engine.loyalty().get();
      long takenBack = Math.min(points, Math.max(0, loyalty.balance(customer.get())));
      if (takenBack > 0) {
        loyalty
            .ledger()
            .append(
                new LoyaltyEntry(
                    customer.get(), LoyaltyEntry.Kind.RETURN, -takenBack, 0, r.id(), r.at()));
      }
    }
    if (r.refundTo().equals(TenderKind.STORE_CREDIT.name()) && customer.isPresent()) {
      engine.storeCredits().change(customer.get(), r.refund(), r.id());
    } else if (r.refundTo().equals(TenderKind.GIFT_CARD.name()) && r.refund().isPositive()) {
      flag(d, TillFlag.Kind.REFUND_UNBOOKED, "gift card", r.refund().toString());
    }
    engine.billing().credit(r.saleId(), r.refund());
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.ReturnCompleted(
                r.store(), r.id(), r.saleId(), r.creditNoteNumber(), r.refund()),
            r.at(),
            r.id()));
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.InvoiceCreated(
                r.store(),
                r.creditNoteNumber(),
                DocumentKind.CREDIT_NOTE.name(),
                centre.total(),
                centre.hash()),
            r.at(),
            r.id()));
  }

  private void zReport(Shift shift, ShiftReport z) {
    Shift closed =
        new Shift(
            shift.id(),
            shift.store(),
            shift.registerId(),
            shift.openedBy(),
            shift.openedAt(),
            shift.openingFloat(),
            shift.cashMovements(),
            Optional.of(z));
    engine.registers().shifts().save(closed);
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.ShiftClosed(
                shift.store(),
                shift.id(),
                z.number().orElse(""),
                z.overShort().orElse(Money.zero(z.expectedCash().currency()))),
            z.at(),
            shift.id()));
  }

  private void flag(TillDocument d, TillFlag.Kind kind, String subject, String figure) {
    ledger.flag(
        new TillFlag(
            d.entry().store(), d.till(), d.sequence(), d.entry().number(), kind, subject, figure));
  }
}
