package io.vruksha.retail.server.api;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.api.MoneyIn;
import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.BasketLine;
import io.vruksha.retail.pricing.ManualDiscount;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.pricing.Shopper;
import io.vruksha.retail.sale.AppliedTender;
import io.vruksha.retail.sale.Cart;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.server.http.ApiProblem;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.LevyTax;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The shapes the API answers with where a domain record would say too much, and small helpers. */
public final class Views {

  private Views() {}

  /** {@code money} as money; absent (left out or null) is a 400 naming the field. */
  public static Money money(MoneyIn money, String field) {
    if (money == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, field + " needs an amount and a currency", List.of(field));
    }
    return money.toMoney(field);
  }

  /**
   * One line of a sale as the API shows it.
   *
   * @param index the line's position
   * @param sku the SKU
   * @param name its name
   * @param quantity how many (or how much)
   * @param unit the unit of measure
   * @param unitPrice the unit price
   * @param discount the discounts on the line
   * @param tax the tax in the line, its levies' included
   * @param total what the line costs, its levies included
   * @param levies the levies on the line (a deposit, an eco-fee), each with its net and tax
   */
  public record LineView(
      int index,
      String sku,
      String name,
      BigDecimal quantity,
      String unit,
      UnitPrice unitPrice,
      Money discount,
      Money tax,
      Money total,
      List<LevyTax> levies) {
    static LineView of(PricedLine l) {
      return new LineView(
          l.index(),
          l.sku().value(),
          l.name(),
          l.quantity().value(),
          l.quantity().unit().name(),
          l.unitPrice(),
          l.discountTotal(),
          l.tax().tax(),
          l.total(),
          l.tax().levies());
    }
  }

  /**
   * A priced basket: what a sale would cost, changing nothing.
   *
   * @param store the store
   * @param lines the lines
   * @param subtotal before discounts
   * @param discountTotal every discount
   * @param tax the tax
   * @param total what the customer pays
   * @param totalRounding what rounding the total to the store's coin added or took (zero unless the
   *     store rounds on every tender)
   * @param taxBreakdown tax per rate, with its taxable base
   * @param promotions the promotions applied, by name
   * @param couponsUsed the coupons applied
   * @param rejectedCoupons the coupons given but not applied, with the reason's code
   */
  public record BasketView(
      StoreId store,
      List<LineView> lines,
      Money subtotal,
      Money discountTotal,
      Money tax,
      Money total,
      Money totalRounding,
      List<TaxBreakdownEntry> taxBreakdown,
      List<String> promotions,
      List<String> couponsUsed,
      Map<String, String> rejectedCoupons) {
    static BasketView of(PricedBasket b) {
      Map<String, String> rejected = new TreeMap<>();
      b.rejectedCoupons().forEach((code, why) -> rejected.put(code, why.code()));
      return new BasketView(
          b.store(),
          b.lines().stream().map(LineView::of).toList(),
          b.subtotal(),
          b.discountTotal(),
          b.tax(),
          b.total(),
          b.totalRounding(),
          b.taxBreakdown(),
          b.promotions().stream().map(p -> p.label()).toList(),
          List.copyOf(new TreeSet<>(b.couponsUsed())),
          rejected);
    }
  }

  /**
   * A completed sale.
   *
   * @param id the sale's id
   * @param number its receipt (invoice) number
   * @param store the store
   * @param at when
   * @param cashierId who sold
   * @param customerId the customer, if known
   * @param shiftId the register shift
   * @param basket what was sold and its price
   * @param tenders how it was paid
   * @param tendered what was handed over
   * @param change what was given back
   * @param pointsEarned loyalty points earned
   * @param journalHash its link in the store's fiscal journal
   * @param status SOLD (no return against it) or RETURNED (at least one), as {@code ?status=} finds
   *     it
   */
  public record SaleView(
      String id,
      String number,
      StoreId store,
      Instant at,
      String cashierId,
      Optional<String> customerId,
      Optional<String> shiftId,
      BasketView basket,
      List<TenderView> tenders,
      Money tendered,
      Money change,
      long pointsEarned,
      String journalHash,
      SaleQuery.Status status) {
    static SaleView of(Sale s, SaleQuery.Status status) {
      return new SaleView(
          s.id(),
          s.number(),
          s.store(),
          s.at(),
          s.cashierId(),
          s.customerId(),
          s.shiftId(),
          BasketView.of(s.basket()),
          s.tenders().stream().map(TenderView::of).toList(),
          s.tendered(),
          s.change(),
          s.pointsEarned(),
          s.journalHash(),
          status);
    }

    /** A sale as it stands: RETURNED when a return is booked against it. */
    static SaleView of(Sale s, RetailEngine engine) {
      return of(
          s,
          engine.sales().returnsOf(s.id()).isEmpty()
              ? SaleQuery.Status.SOLD
              : SaleQuery.Status.RETURNED);
    }
  }

  /**
   * A tender as a sale booked it, named as a request names it.
   *
   * @param type the kind of tender, as the request's {@code tenders[].type}
   * @param amount what it paid toward the total (cash net of change, after cash rounding)
   * @param reference the card reference, or the points used; empty for cash
   */
  public record TenderView(SaleApi.TenderType type, Money amount, String reference) {
    static TenderView of(AppliedTender t) {
      return new TenderView(SaleApi.TenderType.valueOf(t.kind().name()), t.amount(), t.reference());
    }
  }

  /**
   * A return as the API shows it.
   *
   * @param id the return's id
   * @param saleId the sale it is against
   * @param store the store
   * @param creditNoteNumber the credit note's number, e.g. C001-2026-000001
   * @param at when
   * @param lines what came back
   * @param refund what was refunded
   * @param tax the tax in the refund
   * @param refundTo as the request said it: ORIGINAL (the default) or STORE_CREDIT
   * @param refundTender the tender the refund went to: the sale's largest refundable tender for
   *     ORIGINAL (CASH, CARD or STORE_CREDIT), STORE_CREDIT for STORE_CREDIT
   * @param journalHash its link in the store's fiscal journal
   * @param shiftId the register shift it was paid from, if any
   */
  public record ReturnView(
      String id,
      String saleId,
      StoreId store,
      String creditNoteNumber,
      Instant at,
      List<ReturnReceipt.Line> lines,
      Money refund,
      Money tax,
      ReturnRequest.RefundTo refundTo,
      SaleApi.TenderType refundTender,
      String journalHash,
      Optional<String> shiftId) {
    static ReturnView of(ReturnReceipt r) {
      // the engine books where the money went, not the request's word for it: a sale whose
      // largest refundable tender is store credit is refunded to store credit whether ORIGINAL or
      // STORE_CREDIT was asked (the same refund), and answers STORE_CREDIT
      SaleApi.TenderType tender = SaleApi.TenderType.valueOf(r.refundTo());
      return new ReturnView(
          r.id(),
          r.saleId(),
          r.store(),
          r.creditNoteNumber(),
          r.at(),
          r.lines(),
          r.refund(),
          r.tax(),
          switch (tender) {
            case STORE_CREDIT -> ReturnRequest.RefundTo.STORE_CREDIT;
            case GIFT_CARD -> ReturnRequest.RefundTo.GIFT_CARD;
            default -> ReturnRequest.RefundTo.ORIGINAL;
          },
          tender,
          r.journalHash(),
          r.shiftId());
    }
  }

  /**
   * A cart as the API shows it: its lines as a request gives them, quantities as decimal strings.
   *
   * @param id the cart's id
   * @param store the store
   * @param lines the lines, in the order scanned
   * @param shopper the customer and what follows from them (group, tier, tax exemption)
   * @param coupons the coupons scanned, in order
   * @param parked whether it is parked
   * @param updatedAt its last change
   */
  public record CartView(
      String id,
      StoreId store,
      List<CartLineView> lines,
      Shopper shopper,
      List<String> coupons,
      boolean parked,
      Instant updatedAt) {
    /** The view of {@code c}. */
    public static CartView of(Cart c) {
      return new CartView(
          c.id(),
          c.store(),
          c.lines().stream().map(CartLineView::of).toList(),
          c.shopper(),
          List.copyOf(new TreeSet<>(c.coupons())),
          c.parked(),
          c.updatedAt());
    }
  }

  /**
   * One line of a cart.
   *
   * @param code the SKU or barcode scanned
   * @param quantity how many or how much, as a decimal string like a sale line's; null for a plain
   *     scan (one piece, or the weight a price- or weight-embedded label carries)
   * @param unit the quantity's unit of measure; null with the quantity
   * @param priceOverride a unit price keyed by hand, if any
   * @param discount a manual discount, if any
   */
  public record CartLineView(
      String code,
      Optional<BigDecimal> quantity,
      Optional<UnitOfMeasure> unit,
      Optional<UnitPrice> priceOverride,
      Optional<ManualDiscount> discount) {
    static CartLineView of(BasketLine l) {
      return new CartLineView(
          l.code(),
          l.quantity().map(Quantity::value),
          l.quantity().map(Quantity::unit),
          l.priceOverride(),
          l.discount());
    }
  }

  /** The quantity of {@code code} in the unit its item is sold in (pieces when unknown). */
  static Quantity quantityOf(RetailEngine engine, String code, BigDecimal value) {
    UnitOfMeasure unit = itemOf(engine, code).map(SellableItem::unit).orElse(UnitOfMeasure.EACH);
    try {
      return new Quantity(value, unit);
    } catch (RetailException e) {
      throw e;
    }
  }

  /** The item a SKU or barcode names, if any. */
  static Optional<SellableItem> itemOf(RetailEngine engine, String code) {
    try {
      Optional<SellableItem> bySku = engine.catalog().item(Sku.of(code));
      if (bySku.isPresent()) {
        return bySku;
      }
    } catch (RetailException notASku) {
      // not a valid SKU: perhaps a barcode
    }
    if (code.chars().allMatch(Character::isDigit) && code.length() >= 8 && code.length() <= 14) {
      try {
        return engine.catalog().itemByBarcode(Barcode.parse(code));
      } catch (RetailException notABarcode) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The entity's store must be the path's: otherwise it does not exist as far as this caller knows.
   */
  static <T> T inStore(
      Optional<T> found, Function<T, StoreId> storeOf, StoreId store, String what) {
    return found
        .filter(t -> storeOf.apply(t).equals(store))
        .orElseThrow(() -> ApiProblem.notFound("no " + what + " in store " + store));
  }
}
