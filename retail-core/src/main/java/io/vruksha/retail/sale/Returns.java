package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.loyalty.Loyalty;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Returns against a receipt, in one unit of work: a credit note chained into the journal, stock
 * restocked (or written off) per line, loyalty points taken back, and the refund to the original
 * tender or to store credit.
 *
 * <p><b>What is refunded.</b> Exactly what was paid for the returned units: a line's total, tax and
 * points are spread over its quantity cumulatively — after {@code r} of {@code n} units have come
 * back, {@code round(total × r / n)} has been refunded — so the discounts and taxes of the sale are
 * prorated and returning every unit, in any number of returns, refunds the line's total to the
 * cent. Thread-safe when its ports are.
 */
public final class Returns {

  /** The series of credit notes. */
  public static final String CREDIT_NOTE_SERIES = "C001";

  private final Sales sales;
  private final Stock stock;
  private final FiscalJournal journal;
  private final Optional<Loyalty> loyalty;
  private final StoreCredits storeCredits;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;
  private final Duration window;
  private final BiConsumer<String, Money> creditInvoice;
  private final IdempotencyStore idempotency;
  private final GiftCardTenders giftCards;
  private final ProviderRefunds providerRefunds;

  /**
   * Pays a refund back through the payment providers that took a sale's money, inside the return's
   * unit of work; answers where the money went, or empty when no provider took money for the sale
   * (the refund then goes where it always went).
   */
  @FunctionalInterface
  public interface ProviderRefunds {
    /** Refunds {@code amount} of {@code sale}, idempotent by {@code returnId}. */
    Optional<String> refund(Sale sale, Money amount, String returnId);

    /** No providers: every refund goes to the sale's tenders as before. */
    ProviderRefunds NONE = (sale, amount, returnId) -> Optional.empty();
  }

  /**
   * Returns over the engine's ports, accepted within {@code window} of the sale; {@code
   * creditInvoice} records each refund against the sale's invoice.
   */
  public Returns(
      Sales sales,
      Stock stock,
      FiscalJournal journal,
      Optional<Loyalty> loyalty,
      StoreCredits storeCredits,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      Duration window,
      BiConsumer<String, Money> creditInvoice,
      IdempotencyStore idempotency,
      GiftCardTenders giftCards) {
    this(
        sales,
        stock,
        journal,
        loyalty,
        storeCredits,
        outbox,
        work,
        clock,
        window,
        creditInvoice,
        idempotency,
        giftCards,
        ProviderRefunds.NONE);
  }

  /** Returns as above whose refunds go back through {@code providerRefunds} first. */
  public Returns(
      Sales sales,
      Stock stock,
      FiscalJournal journal,
      Optional<Loyalty> loyalty,
      StoreCredits storeCredits,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      Duration window,
      BiConsumer<String, Money> creditInvoice,
      IdempotencyStore idempotency,
      GiftCardTenders giftCards,
      ProviderRefunds providerRefunds) {
    this.providerRefunds = Objects.requireNonNull(providerRefunds, "providerRefunds");
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    this.giftCards = Objects.requireNonNull(giftCards, "giftCards");
    this.creditInvoice = Objects.requireNonNull(creditInvoice, "creditInvoice");
    this.sales = Objects.requireNonNull(sales, "sales");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.loyalty = Objects.requireNonNull(loyalty, "loyalty");
    this.storeCredits = Objects.requireNonNull(storeCredits, "storeCredits");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
  }

  /**
   * Takes goods back against a receipt. Needs the {@link Permission#REFUND} permission.
   *
   * @throws io.vruksha.retail.RetailException naming what is wrong; nothing is written
   */
  public ReturnReceipt accept(ReturnRequest request, Actor actor) {
    actor.require(Permission.REFUND, "refund a return");
    return work.run(
        () -> {
          Sale sale =
              sales
                  .find(request.saleId())
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              ErrorCode.NOT_FOUND, "no sale " + request.saleId()));
          // idempotent per store and key: the same return again gives the first receipt, the
          // key reused for another return (lines, sale, refund) is refused
          String key = "return:" + request.idempotencyKey();
          String requestHash = RequestFingerprint.hash(RequestFingerprint.canonical(request));
          Optional<IdempotencyStore.Entry> seen = idempotency.find(sale.store(), key);
          if (seen.isPresent()) {
            if (!seen.get().requestHash().equals(requestHash)) {
              throw new RuleViolationException(
                  ErrorCode.IDEMPOTENCY_MISMATCH,
                  "idempotency key '"
                      + request.idempotencyKey()
                      + "' was already used for a different return");
            }
            String doneId = seen.get().resultId();
            return sales.returnsOf(sale.id()).stream()
                .filter(r -> r.id().equals(doneId))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "idempotency key names return " + doneId + ", which is not stored"));
          }
          String returnId = "R-" + sale.store() + "-" + request.idempotencyKey();
          idempotency.save(new IdempotencyStore.Entry(sale.store(), key, requestHash, returnId));
          Instant at = request.at().orElseGet(clock::instant);
          if (at.isAfter(sale.at().plus(window))) {
            throw new RuleViolationException(
                ErrorCode.RETURN_INVALID,
                "sale "
                    + sale.number()
                    + " is older than the "
                    + window.toDays()
                    + "-day return window");
          }
          Money zero = Money.zero(sale.basket().currency());
          Money refund = zero;
          Money tax = zero;
          long points = 0;
          List<ReturnReceipt.Line> lines = new ArrayList<>();
          for (ReturnRequest.Item item : request.items()) {
            ReturnReceipt.Line line = returnLine(sale, item, returnId);
            lines.add(line);
            refund = refund.plus(line.refund());
            tax = tax.plus(line.tax());
            points += line.pointsTakenBack();
          }
          if (points > 0 && sale.customerId().isPresent() && loyalty.isPresent()) {
            // the points the units earned are taken back, but never below a zero balance: points
            // the customer has already redeemed stay redeemed
            long balance = loyalty.get().balance(sale.customerId().get());
            long takenBack = Math.min(points, Math.max(0, balance));
            if (takenBack > 0) {
              loyalty
                  .get()
                  .ledger()
                  .append(
                      new LoyaltyEntry(
                          sale.customerId().get(),
                          LoyaltyEntry.Kind.RETURN,
                          -takenBack,
                          0,
                          returnId,
                          at));
            }
          }
          String refundTo = refundTo(request.refundTo(), sale, refund, returnId, at, actor);
          String number = journal.nextNumber(sale.store(), CREDIT_NOTE_SERIES, at);
          StringBuilder body = new StringBuilder("against|" + sale.number() + "\n");
          lines.forEach(
              l ->
                  body.append("L|")
                      .append(l.sku())
                      .append('|')
                      .append(l.quantity().toPlainString())
                      .append('|')
                      .append(l.refund().negate())
                      .append('|')
                      .append(l.tax().negate())
                      .append('\n'));
          FiscalDocument note =
              journal.append(
                  sale.store(),
                  DocumentKind.CREDIT_NOTE,
                  number,
                  at,
                  refund.negate(),
                  tax.negate(),
                  body.toString());
          ReturnReceipt receipt =
              new ReturnReceipt(
                  returnId,
                  sale.id(),
                  sale.store(),
                  number,
                  at,
                  lines,
                  refund,
                  tax,
                  refundTo,
                  note.hash(),
                  request.shiftId());
          sales.saveReturn(receipt);
          creditInvoice.accept(sale.id(), refund);
          outbox.append(
              EventEnvelope.of(
                  new DomainEvent.ReturnCompleted(
                      sale.store(), returnId, sale.id(), number, refund),
                  at,
                  returnId));
          outbox.append(
              EventEnvelope.of(
                  new DomainEvent.InvoiceCreated(
                      sale.store(),
                      number,
                      DocumentKind.CREDIT_NOTE.name(),
                      note.total(),
                      note.hash()),
                  at,
                  returnId));
          return receipt;
        });
  }

  private ReturnReceipt.Line returnLine(Sale sale, ReturnRequest.Item item, String returnId) {
    if (item.lineIndex() < 0 || item.lineIndex() >= sale.basket().lines().size()) {
      throw new InvalidInputException(
          ErrorCode.RETURN_INVALID, "sale " + sale.number() + " has no line " + item.lineIndex());
    }
    PricedLine line = sale.basket().line(item.lineIndex());
    BigDecimal sold = line.quantity().value();
    BigDecimal before =
        sales.returnsOf(sale.id()).stream()
            .flatMap(r -> r.lines().stream())
            .filter(l -> l.lineIndex() == item.lineIndex())
            .map(ReturnReceipt.Line::quantity)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal after = before.add(item.quantity());
    if (after.compareTo(sold) > 0) {
      throw new RuleViolationException(
          ErrorCode.RETURN_INVALID,
          line.sku()
              + " on "
              + sale.number()
              + ": "
              + sold.subtract(before).toPlainString()
              + " can still be returned, "
              + item.quantity().toPlainString()
              + " asked");
    }
    Money refund = share(line.total(), before, after, sold);
    Money tax = share(line.tax().tax(), before, after, sold);
    long points = sharePoints(sale.pointsPerLine().get(item.lineIndex()), before, after, sold);
    if (item.restock()) {
      stock.book(
          StockKey.floor(sale.store(), line.sku()),
          item.quantity(),
          MovementReason.RETURN,
          returnId,
          sale.number(),
          returnId);
    }
    return new ReturnReceipt.Line(
        item.lineIndex(), line.sku().value(), item.quantity(), refund, tax, item.restock(), points);
  }

  /**
   * {@code round(total × after / sold) − round(total × before / sold)}: cumulative, so it sums
   * exactly.
   */
  static Money share(Money total, BigDecimal before, BigDecimal after, BigDecimal sold) {
    return cumulative(total, after, sold).minus(cumulative(total, before, sold));
  }

  private static Money cumulative(Money total, BigDecimal part, BigDecimal whole) {
    return Money.of(
        total
            .amount()
            .multiply(part)
            .divide(whole, Money.minorUnits(total.currency()), RoundingMode.HALF_UP),
        total.currency());
  }

  private static long sharePoints(
      long points, BigDecimal before, BigDecimal after, BigDecimal sold) {
    BigDecimal p = BigDecimal.valueOf(points);
    return p.multiply(after).divide(sold, 0, RoundingMode.HALF_UP).longValueExact()
        - p.multiply(before).divide(sold, 0, RoundingMode.HALF_UP).longValueExact();
  }

  private String refundTo(
      ReturnRequest.RefundTo to,
      Sale sale,
      Money refund,
      String returnId,
      Instant at,
      Actor actor) {
    if (to == ReturnRequest.RefundTo.GIFT_CARD) {
      // asked for: the refund goes onto a new card, whatever paid the sale
      if (refund.isPositive()) {
        giftCards.issueRefund(sale.store(), refund, returnId, at, actor);
      }
      return TenderKind.GIFT_CARD.name();
    }
    if (to != ReturnRequest.RefundTo.STORE_CREDIT) {
      // through the providers that took the money (card terminal, BNPL, crypto) when they did
      Optional<String> throughProviders = providerRefunds.refund(sale, refund, returnId);
      if (throughProviders.isPresent()) {
        return throughProviders.get();
      }
    }
    // ORIGINAL: back to the sale's largest tender that can take money back (not points)
    TenderKind kind =
        to == ReturnRequest.RefundTo.STORE_CREDIT
            ? TenderKind.STORE_CREDIT
            : sale.tenders().stream()
                .filter(t -> t.kind() != TenderKind.POINTS)
                .max(Comparator.comparing(AppliedTender::amount))
                .map(AppliedTender::kind)
                .orElse(TenderKind.CASH);
    if (kind == TenderKind.STORE_CREDIT) {
      // asked for, or what paid: either way the refund is the customer's credit again (a receipt
      // saying STORE_CREDIT with no credit given would have refunded nothing)
      String customer =
          sale.customerId()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          ErrorCode.RETURN_INVALID, "store credit needs a known customer"));
      storeCredits.change(customer, refund, returnId);
    }
    if (kind == TenderKind.GIFT_CARD && refund.isPositive()) {
      // gift card money is not paid out in cash: it goes onto a new card
      giftCards.issueRefund(sale.store(), refund, returnId, at, actor);
    }
    return kind.name();
  }
}
