package io.vruksha.retail.sale;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.loyalty.Loyalty;
import io.vruksha.retail.loyalty.LoyaltyEntry;
import io.vruksha.retail.loyalty.LoyaltyProgram;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.promotion.Coupon;
import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * What happens when the cashier presses "pay", as one unit of work: the basket is priced, the
 * tenders settled (change and cash rounding on cash only), stock booked out of the sales floor,
 * coupons redeemed, points redeemed and earned, the invoice numbered and chained into the journal,
 * the sale saved and its events written to the outbox — all together or nothing.
 *
 * <p>Idempotent by key: the same key returns the original sale; the same key with a different
 * request is refused ({@link ErrorCode#IDEMPOTENCY_MISMATCH}). Thread-safe when its ports are.
 */
public final class Checkout {

  /** The series of sales invoices. */
  public static final String SALES_SERIES = "S001";

  private final Stores stores;
  private final Catalog catalog;
  private final BasketPricer pricer;
  private final Stock stock;
  private final FiscalJournal journal;
  private final Optional<Loyalty> loyalty;
  private final Promotions promotions;
  private final CouponLedger coupons;
  private final Sales sales;
  private final IdempotencyStore idempotency;
  private final StoreCredits storeCredits;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;
  private final BiPredicate<StoreId, String> openShift;
  private final Invoices invoices;
  private final GiftCardTenders giftCards;

  /**
   * A checkout over the engine's ports; {@code loyalty} is empty when no programme runs, and {@code
   * openShift} tells whether a shift id names an open shift of the store.
   */
  public Checkout(
      Stores stores,
      Catalog catalog,
      BasketPricer pricer,
      Stock stock,
      FiscalJournal journal,
      Optional<Loyalty> loyalty,
      Promotions promotions,
      CouponLedger coupons,
      Sales sales,
      IdempotencyStore idempotency,
      StoreCredits storeCredits,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      BiPredicate<StoreId, String> openShift,
      Invoices invoices,
      GiftCardTenders giftCards) {
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.giftCards = Objects.requireNonNull(giftCards, "giftCards");
    this.openShift = Objects.requireNonNull(openShift, "openShift");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.loyalty = Objects.requireNonNull(loyalty, "loyalty");
    this.promotions = Objects.requireNonNull(promotions, "promotions");
    this.coupons = Objects.requireNonNull(coupons, "coupons");
    this.sales = Objects.requireNonNull(sales, "sales");
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    this.storeCredits = Objects.requireNonNull(storeCredits, "storeCredits");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks out a sale.
   *
   * @throws io.vruksha.retail.RetailException with a code naming what is wrong; nothing is written
   */
  public Sale checkout(CheckoutRequest request, Actor cashier) {
    return checkout(request, cashier, Optional.empty());
  }

  /**
   * Checks out a sale dated now (or at the basket's instant) but priced at {@code pricesAt}: an
   * order placed earlier is sold at the prices and promotions the customer was shown.
   */
  public Sale checkout(CheckoutRequest request, Actor cashier, Optional<Instant> pricesAt) {
    BasketRequest basketRequest = request.basket();
    String requestHash = RequestFingerprint.hash(RequestFingerprint.canonical(request));
    screenGiftCards(request, cashier);
    return work.runFor(
        basketRequest.store(),
        () -> {
          Optional<IdempotencyStore.Entry> seen =
              idempotency.find(basketRequest.store(), request.idempotencyKey());
          if (seen.isPresent()) {
            return replay(seen.get(), requestHash);
          }
          request
              .shiftId()
              .ifPresent(
                  id -> {
                    if (!openShift.test(basketRequest.store(), id)) {
                      throw new RuleViolationException(
                          ErrorCode.SHIFT_STATE,
                          "shift "
                              + id
                              + " is not an open shift of store "
                              + basketRequest.store()
                              + ": open the register first");
                    }
                  });
          Instant at = basketRequest.at().orElseGet(clock::instant);
          BasketRequest dated =
              new BasketRequest(
                  basketRequest.store(),
                  Optional.of(pricesAt.orElse(at)),
                  basketRequest.shopper(),
                  basketRequest.lines(),
                  basketRequest.couponCodes(),
                  basketRequest.basketDiscount());
          PricedBasket basket = pricer.price(dated, cashier);
          Store store =
              stores
                  .find(basket.store())
                  .orElseThrow(
                      () ->
                          new NotFoundException(
                              ErrorCode.NOT_FOUND, "no store " + basket.store().value()));
          Optional<String> customer = basketRequest.shopper().customerId();
          String saleId = UUID.randomUUID().toString();

          Settlement settlement = settle(request.tenders(), basket, customer, saleId, cashier);
          stock.bookSale(basket, saleId);
          redeemCoupons(basket, saleId);
          List<Long> points = earnPoints(basket, customer, saleId, at);

          String number = journal.nextNumber(store.id(), SALES_SERIES, at);
          FiscalDocument invoice =
              journal.append(
                  store.id(),
                  DocumentKind.INVOICE,
                  number,
                  at,
                  basket.total(),
                  basket.tax(),
                  body(basket, settlement));
          Sale sale =
              new Sale(
                  saleId,
                  store.id(),
                  number,
                  at,
                  cashier.staffId(),
                  customer,
                  request.shiftId(),
                  basket,
                  settlement.tenders,
                  settlement.tendered,
                  settlement.change,
                  settlement.cashRounding,
                  points,
                  settlement.pointsRedeemed,
                  invoice.hash());
          sales.save(sale);
          giftCards.activateSold(sale, cashier);
          invoices.save(paidInvoice(sale));
          idempotency.save(
              new IdempotencyStore.Entry(
                  store.id(), request.idempotencyKey(), requestHash, saleId));
          publish(sale, invoice);
          return sale;
        });
  }

  /**
   * Screens the gift card codes a checkout tenders, in a unit of work of its own before the sale's:
   * a wrong code counts against the cashier (the source) even though the sale then fails.
   *
   * @throws io.vruksha.retail.RetailException GIFT_CARD_INVALID or GIFT_CARD_LOCKED
   */
  public void screenGiftCards(CheckoutRequest request, Actor cashier) {
    List<String> codes =
        request.tenders().stream()
            .filter(Tender.GiftCard.class::isInstance)
            .map(t -> ((Tender.GiftCard) t).code())
            .toList();
    giftCards.screen(request.basket().store(), codes, "staff:" + cashier.staffId());
  }

  /** The paid invoice of a sale: its number, totals and tax, paid by its tenders. */
  public static Invoice paidInvoice(Sale sale) {
    List<Invoice.Payment> payments =
        sale.tenders().stream()
            .map(t -> new Invoice.Payment(t.amount(), t.kind().name(), t.reference(), sale.at()))
            .toList();
    return new Invoice(
        sale.number(),
        sale.store(),
        Optional.of(sale.id()),
        sale.customerId(),
        Optional.empty(),
        sale.at(),
        sale.at(),
        sale.total(),
        sale.basket().tax(),
        sale.basket().taxBreakdown(),
        Invoice.Status.PAID,
        payments,
        Money.zero(sale.basket().currency()));
  }

  private Sale replay(IdempotencyStore.Entry entry, String requestHash) {
    if (!entry.requestHash().equals(requestHash)) {
      throw new RuleViolationException(
          ErrorCode.IDEMPOTENCY_MISMATCH,
          "idempotency key '" + entry.key() + "' was already used for a different sale");
    }
    return sales
        .find(entry.resultId())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "idempotency key '"
                        + entry.key()
                        + "' names sale "
                        + entry.resultId()
                        + ", which is not stored"));
  }

  /** Tenders settled against the total. */
  private record Settlement(
      List<AppliedTender> tenders,
      Money tendered,
      Money change,
      Money cashRounding,
      long pointsRedeemed) {}

  private Settlement settle(
      List<Tender> tenders,
      PricedBasket basket,
      Optional<String> customer,
      String saleId,
      Actor cashier) {
    Money zero = Money.zero(basket.currency());
    Money total = basket.total();
    Money nonCash = zero;
    Money cashGiven = zero;
    long points = 0;
    List<AppliedTender> applied = new ArrayList<>();
    for (Tender t : tenders) {
      if (t instanceof Tender.Cash c) {
        cashGiven = cashGiven.plus(inCurrency(c.given(), basket));
      } else if (t instanceof Tender.Card c) {
        nonCash = nonCash.plus(inCurrency(c.amount(), basket));
        applied.add(new AppliedTender(TenderKind.CARD, c.amount(), c.reference()));
      } else if (t instanceof Tender.Points p) {
        Loyalty l =
            loyalty.orElseThrow(
                () ->
                    new InvalidInputException(
                        ErrorCode.TENDER_INVALID, "this store runs no loyalty programme"));
        String who = requireCustomer(customer, "pay with points");
        l.checkRedemption(who, points + p.points());
        points += p.points();
        Money value = l.valueOf(p.points());
        nonCash = nonCash.plus(value);
        applied.add(new AppliedTender(TenderKind.POINTS, value, Long.toString(p.points())));
      } else if (t instanceof Tender.StoreCredit s) {
        String who = requireCustomer(customer, "pay with store credit");
        nonCash = nonCash.plus(inCurrency(s.amount(), basket));
        storeCredits.change(who, s.amount().negate(), saleId);
        applied.add(new AppliedTender(TenderKind.STORE_CREDIT, s.amount(), who));
      } else if (t instanceof Tender.GiftCard g) {
        nonCash = nonCash.plus(inCurrency(g.amount(), basket));
        String masked =
            giftCards.redeem(
                basket.store(), g.code(), g.amount(), saleId, applied.size(), basket.at(), cashier);
        applied.add(new AppliedTender(TenderKind.GIFT_CARD, g.amount(), masked));
      } else if (t instanceof Tender.Captured c) {
        nonCash = nonCash.plus(inCurrency(c.amount(), basket));
        applied.add(new AppliedTender(c.kind(), c.amount(), c.reference()));
      } else if (t instanceof Tender.Provider p) {
        // the sale must wait for the provider: stock reserved, no number yet (PaymentCheckout)
        throw new InvalidInputException(
            ErrorCode.TENDER_INVALID,
            "a "
                + p.kind()
                + " payment through a provider waits for the provider: begin it with"
                + " payments (POST /stores/{id}/payments/checkouts), not as a plain sale");
      }
    }
    if (nonCash.compareTo(total) > 0) {
      throw new InvalidInputException(
          ErrorCode.TENDER_INVALID,
          "only cash may overpay: card, points, store credit and gift cards come to "
              + nonCash
              + " on a total of "
              + total);
    }
    Money remaining = total.minus(nonCash);
    Money change = zero;
    Money rounding = zero;
    if (cashGiven.isPositive()) {
      Money cashDue = basket.cashRounding().apply(remaining);
      if (cashGiven.compareTo(cashDue) < 0) {
        throw new RuleViolationException(
            ErrorCode.TENDER_INSUFFICIENT, cashDue.minus(cashGiven) + " is still due in cash");
      }
      change = cashGiven.minus(cashDue);
      rounding = cashDue.minus(remaining);
      applied.add(0, new AppliedTender(TenderKind.CASH, cashDue, ""));
    } else if (remaining.isPositive()) {
      throw new RuleViolationException(ErrorCode.TENDER_INSUFFICIENT, remaining + " is still due");
    }
    if (points > 0) {
      loyalty
          .orElseThrow(
              () -> new IllegalStateException("points were tendered with no loyalty programme"))
          .ledger()
          .append(
              new LoyaltyEntry(
                  customer.orElseThrow(
                      () -> new IllegalStateException("points were tendered with no customer")),
                  LoyaltyEntry.Kind.REDEEM,
                  -points,
                  0,
                  saleId,
                  basket.at()));
    }
    return new Settlement(applied, nonCash.plus(cashGiven), change, rounding, points);
  }

  private static Money inCurrency(Money amount, PricedBasket basket) {
    if (!amount.currency().equals(basket.currency())) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "the store takes " + basket.currency() + ", not " + amount.currency());
    }
    return amount;
  }

  private static String requireCustomer(Optional<String> customer, String what) {
    return customer.orElseThrow(
        () ->
            new InvalidInputException(
                ErrorCode.TENDER_INVALID, "a known customer is needed to " + what));
  }

  private void redeemCoupons(PricedBasket basket, String saleId) {
    for (String code : new TreeSet<>(basket.couponsUsed())) {
      Coupon coupon =
          promotions
              .coupon(code)
              .orElseThrow(
                  () ->
                      new RuleViolationException(
                          ErrorCode.COUPON_INVALID, "coupon " + code + " no longer exists"));
      if (!coupons.tryRedeem(code, coupon.maxUses(), saleId)) {
        throw new RuleViolationException(
            ErrorCode.COUPON_EXHAUSTED, "coupon " + code + " has been used up");
      }
    }
  }

  private List<Long> earnPoints(
      PricedBasket basket, Optional<String> customer, String saleId, Instant at) {
    List<Long> perLine = new ArrayList<>();
    if (loyalty.isEmpty() || customer.isEmpty()) {
      basket.lines().forEach(l -> perLine.add(0L));
      return perLine;
    }
    Loyalty l = loyalty.get();
    String who = customer.get();
    BigDecimal tierMultiplier =
        l.tier(who, Money.zero(basket.currency()), at)
            .map(LoyaltyProgram.Tier::multiplier)
            .orElse(BigDecimal.ONE);
    long total = 0;
    for (PricedLine line : basket.lines()) {
      Set<CategoryId> categories =
          catalog
              .categories()
              .selfAndAncestors(
                  catalog
                      .item(line.sku())
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "a priced line names "
                                      + line.sku()
                                      + ", which the catalogue lacks"))
                      .category());
      BigDecimal categoryMultiplier =
          categoryMultiplier(l.program(), categories)
              .multiply(l.program().bonusFor(line.sku(), categories, at));
      long p = l.pointsFor(line.tax().net(), categoryMultiplier, tierMultiplier);
      perLine.add(p);
      total += p;
    }
    l.ledger()
        .append(
            new LoyaltyEntry(
                who, LoyaltyEntry.Kind.EARN, total, basket.net().minorUnits(), saleId, at));
    if (total > 0) {
      outbox.append(
          EventEnvelope.of(
              new DomainEvent.LoyaltyPointsEarned(
                  basket.store(), who, total, l.balance(who), saleId),
              at,
              saleId));
    }
    return perLine;
  }

  private static BigDecimal categoryMultiplier(LoyaltyProgram program, Set<CategoryId> categories) {
    BigDecimal best = BigDecimal.ONE;
    for (CategoryId c : categories) {
      BigDecimal m = program.categoryMultipliers().get(c);
      if (m != null && m.compareTo(best) > 0) {
        best = m;
      }
    }
    return best;
  }

  private void publish(Sale sale, FiscalDocument invoice) {
    saleEvents(sale, invoice).forEach(outbox::append);
  }

  /**
   * The events of a completed sale: sale completed, then invoice created (the stock and loyalty
   * events come from where those are booked).
   */
  public static List<EventEnvelope> saleEvents(Sale sale, FiscalDocument invoice) {
    List<DomainEvent.SoldLine> lines =
        sale.basket().lines().stream()
            .map(l -> new DomainEvent.SoldLine(l.sku().value(), l.quantity().value(), l.total()))
            .toList();
    return List.of(
        EventEnvelope.of(
            new DomainEvent.SaleCompleted(
                sale.store(),
                sale.id(),
                sale.number(),
                sale.customerId().orElse(""),
                sale.total(),
                lines),
            sale.at(),
            sale.id()),
        EventEnvelope.of(
            new DomainEvent.InvoiceCreated(
                sale.store(),
                invoice.number(),
                invoice.kind().name(),
                invoice.total(),
                invoice.hash()),
            sale.at(),
            sale.id()));
  }

  private static String body(PricedBasket basket, Settlement settlement) {
    return FiscalRecords.saleBody(basket, settlement.tenders);
  }
}
