package io.vruksha.retail.pricing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.Scan;
import io.vruksha.retail.catalog.ScanResolver;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.Allocation;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.Rounding;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.promotion.PromotionContext;
import io.vruksha.retail.promotion.PromotionEngine;
import io.vruksha.retail.promotion.PromotionLine;
import io.vruksha.retail.promotion.PromotionResult;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Permission;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.tax.LineTax;
import io.vruksha.retail.tax.TaxCalculator;
import io.vruksha.retail.tax.TaxJurisdiction;
import io.vruksha.retail.tax.TaxLine;
import io.vruksha.retail.tax.TaxResult;
import io.vruksha.retail.tax.TaxRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prices a basket the way the receipt will explain it, in the rule's own steps: <b>price</b> each
 * line (price list, manual override or price-embedded barcode), take the <b>manual line
 * discounts</b>, apply the <b>promotions</b> (best combination), spread a <b>manual basket
 * discount</b> over the lines, then compute the <b>tax</b> and the totals.
 *
 * <p>Line amounts are unit price × quantity rounded half-up to the cent. Lines a member of staff
 * touched by hand (override or manual discount) take no promotion, so a discount is never given
 * twice. Pricing changes nothing: it reads the ports and returns a value; coupon usage is enforced
 * when a sale is checked out.
 *
 * <p>Thread-safe when its ports are.
 */
public final class BasketPricer {

  private final Stores stores;
  private final Catalog catalog;
  private final ScanResolver scans;
  private final PriceResolver prices;
  private final Function<StoreId, PromotionEngine> promotions;
  private final TaxRules taxRules;
  private final TaxCalculator taxCalculator = new TaxCalculator();
  private final Clock clock;

  /**
   * A pricer over the given ports.
   *
   * @param promotions the promotion engine for a store (the engine caches one per store)
   */
  public BasketPricer(
      Stores stores,
      Catalog catalog,
      ScanResolver scans,
      PriceBook priceBook,
      Function<StoreId, PromotionEngine> promotions,
      TaxRules taxRules,
      Clock clock) {
    this.stores = Objects.requireNonNull(stores, "stores");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.scans = Objects.requireNonNull(scans, "scans");
    this.prices = new PriceResolver(Objects.requireNonNull(priceBook, "priceBook"));
    this.promotions = Objects.requireNonNull(promotions, "promotions");
    this.taxRules = Objects.requireNonNull(taxRules, "taxRules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Prices {@code request} for {@code actor}.
   *
   * @throws io.vruksha.retail.RetailException with a code naming what is wrong: unknown store, SKU
   *     or barcode, blocked product, missing price or tax rule, or a manual price or discount the
   *     actor may not give
   */
  public PricedBasket price(BasketRequest request, Actor actor) {
    Store store =
        stores
            .find(request.store())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.NOT_FOUND, "no store with id " + request.store()));
    Instant at = request.at().orElseGet(clock::instant);
    TaxJurisdiction jurisdiction =
        taxRules
            .jurisdictionOf(store.id())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.TAX_RULE_MISSING,
                        "store " + store.id() + " has no tax jurisdiction assigned"));
    PriceQuery query = new PriceQuery(store.id(), store.currency(), request.shopper().group(), at);

    List<Draft> drafts = new ArrayList<>(request.lines().size());
    for (int i = 0; i < request.lines().size(); i++) {
      drafts.add(priceLine(i, request.lines().get(i), query, jurisdiction, actor));
    }
    PromotionResult promotionResult = applyPromotions(drafts, store, at, request);
    request.basketDiscount().ifPresent(d -> applyBasketDiscount(drafts, d, actor));
    return assemble(store, at, request, drafts, promotionResult, jurisdiction);
  }

  private Draft priceLine(
      int index, BasketLine line, PriceQuery query, TaxJurisdiction jurisdiction, Actor actor) {
    Scan scan = resolve(line.code());
    SellableItem item = scan.item();
    item.requireSellable();
    Quantity quantity =
        line.quantity().or(scan::embeddedWeight).orElseGet(() -> defaultQuantity(item, scan));
    if (quantity.unit() != item.unit()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          item.sku() + " is sold in " + item.unit().symbol() + ", not " + quantity.unit().symbol());
    }

    Optional<ResolvedPrice> listed = prices.resolve(item.sku(), query);
    boolean inclusive =
        listed.map(ResolvedPrice::pricesIncludeTax).orElse(jurisdiction.pricesIncludeTax());
    UnitPrice unitPrice;
    PricedLine.PriceOrigin origin;
    if (line.priceOverride().isPresent()) {
      actor.require(Permission.PRICE_OVERRIDE, "override the price of " + item.sku());
      unitPrice = line.priceOverride().get();
      origin = PricedLine.PriceOrigin.MANUAL_OVERRIDE;
    } else if (scan.embeddedPrice().isPresent()) {
      // a markdown label prints the price of one item; a keyed quantity multiplies it
      unitPrice = UnitPrice.of(scan.embeddedPrice().get());
      origin = PricedLine.PriceOrigin.EMBEDDED_BARCODE;
    } else {
      unitPrice =
          listed
              .map(ResolvedPrice::price)
              .orElseThrow(() -> PriceResolver.missing(item.sku(), query));
      origin = PricedLine.PriceOrigin.PRICE_LIST;
    }
    if (!unitPrice.currency().equals(query.currency())) {
      throw new InvalidInputException(
          ErrorCode.CURRENCY_MISMATCH,
          "the price of "
              + item.sku()
              + " is in "
              + unitPrice.currency().getCurrencyCode()
              + ", the store sells in "
              + query.currency().getCurrencyCode());
    }
    Money amount = unitPrice.extend(quantity, RoundingMode.HALF_UP);

    Draft draft =
        new Draft(
            index,
            item,
            quantity,
            unitPrice,
            origin,
            origin == PricedLine.PriceOrigin.PRICE_LIST
                ? listed.map(ResolvedPrice::list)
                : Optional.empty(),
            inclusive,
            amount);
    line.discount()
        .ifPresent(
            manual -> {
              actor.require(Permission.LINE_DISCOUNT, "discount " + item.sku() + " by hand");
              Money off = manual.on(amount).min(amount);
              if (off.isPositive()) {
                draft.discounts.add(
                    new LineDiscount(
                        LineDiscount.Kind.MANUAL_LINE, actor.staffId(), manual.reason(), off));
              }
            });
    if (origin == PricedLine.PriceOrigin.MANUAL_OVERRIDE) {
      // an override below cost is a loss the store must consciously accept
      item.cost()
          .filter(cost -> unitPrice.amount().compareTo(cost.amount()) < 0)
          .ifPresent(
              cost ->
                  actor.require(
                      Permission.SELL_BELOW_COST,
                      "sell " + item.sku() + " below its cost " + cost));
    }
    return draft;
  }

  private static Quantity defaultQuantity(SellableItem item, Scan scan) {
    if (item.unit().isDiscrete() || scan.embeddedPrice().isPresent()) {
      return new Quantity(BigDecimal.ONE, item.unit());
    }
    throw new InvalidInputException(
        ErrorCode.VALIDATION,
        item.sku()
            + " is sold by "
            + item.unit().symbol()
            + ": give the quantity or scan a scale label");
  }

  private Scan resolve(String code) {
    try {
      Optional<SellableItem> bySku = catalog.item(Sku.of(code));
      if (bySku.isPresent()) {
        return new Scan(bySku.get(), Optional.empty(), Optional.empty());
      }
    } catch (InvalidInputException notASku) {
      // not shaped like a SKU: it may still be a barcode
    }
    try {
      return scans.resolve(code);
    } catch (InvalidInputException | NotFoundException e) {
      throw new NotFoundException(
          ErrorCode.SKU_UNKNOWN, "no product has the SKU or barcode '" + code + "'");
    }
  }

  private PromotionResult applyPromotions(
      List<Draft> drafts, Store store, Instant at, BasketRequest request) {
    List<PromotionLine> lines = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      boolean eligible = d.origin == PricedLine.PriceOrigin.PRICE_LIST && d.discounts.isEmpty();
      lines.add(
          new PromotionLine(
              d.index,
              d.item.sku(),
              catalog.categories().selfAndAncestors(d.item.category()),
              d.quantity,
              Rounding.halfUp(d.unitPrice.amount(), d.unitPrice.currency()),
              d.amount,
              d.item.cost(),
              eligible));
    }
    PromotionContext context =
        new PromotionContext(
            store.id(),
            at,
            store.zone(),
            store.currency(),
            request.shopper().group(),
            request.shopper().tier(),
            request.couponCodes());
    PromotionResult result = promotions.apply(store.id()).apply(lines, context);
    result
        .adjustments()
        .forEach(
            adj ->
                drafts
                    .get(adj.lineIndex())
                    .discounts
                    .add(
                        new LineDiscount(
                            LineDiscount.Kind.PROMOTION,
                            adj.promotion().value(),
                            adj.label(),
                            adj.amount())));
    return result;
  }

  private void applyBasketDiscount(List<Draft> drafts, ManualDiscount discount, Actor actor) {
    actor.require(Permission.BASKET_DISCOUNT, "discount the basket by hand");
    Money base =
        drafts.stream()
            .map(Draft::remaining)
            .reduce(Money::plus)
            .orElseThrow(
                () -> new IllegalStateException("a basket discount on a basket of no lines"));
    Money off = discount.on(base).min(base);
    if (!off.isPositive()) {
      return;
    }
    // spread by largest remainder over what is left of each line, so a later return refunds
    // exactly what was paid for the returned units
    List<BigDecimal> weights = drafts.stream().map(d -> d.remaining().amount()).toList();
    long[] shares = Allocation.largestRemainder(off.minorUnits(), weights);
    for (int i = 0; i < drafts.size(); i++) {
      if (shares[i] != 0) {
        drafts
            .get(i)
            .discounts
            .add(
                new LineDiscount(
                    LineDiscount.Kind.MANUAL_BASKET,
                    actor.staffId(),
                    discount.reason(),
                    Money.ofMinor(off.currency(), shares[i])));
      }
    }
  }

  private PricedBasket assemble(
      Store store,
      Instant at,
      BasketRequest request,
      List<Draft> drafts,
      PromotionResult promotionResult,
      TaxJurisdiction jurisdiction) {
    List<TaxLine> taxLines =
        drafts.stream()
            .map(
                d ->
                    new TaxLine(
                        d.index, d.item.taxCategory(), d.remaining(), d.inclusive, d.quantity))
            .toList();
    TaxResult tax =
        taxCalculator.calculate(jurisdiction, taxLines, request.shopper().taxExemption());

    Money zero = Money.zero(store.currency());
    Money subtotal = zero;
    Money discounts = zero;
    List<PricedLine> lines = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      LineTax lineTax = tax.lines().get(d.index);
      Money lineDiscount = d.discountTotal();
      subtotal = subtotal.plus(d.amount);
      discounts = discounts.plus(lineDiscount);
      lines.add(
          new PricedLine(
              d.index,
              d.item.sku(),
              d.item.name(),
              d.quantity,
              d.unitPrice,
              d.origin,
              d.priceList,
              d.inclusive,
              d.amount,
              d.discounts,
              lineDiscount,
              d.remaining(),
              d.item.taxCategory(),
              lineTax,
              lineTax.gross()));
    }
    return new PricedBasket(
        store.id(),
        at,
        store.currency(),
        lines,
        subtotal,
        discounts,
        tax.net(),
        tax.tax(),
        store.cashRounding().documentTotal(tax.gross()),
        tax.breakdown(),
        promotionResult.applied(),
        promotionResult.couponsUsed(),
        promotionResult.rejectedCoupons(),
        tax.exemptionCertificate(),
        store.cashRounding(),
        store.cashRounding().documentTotal(tax.gross()).minus(tax.gross()));
  }

  /** A line on its way through the steps. */
  private static final class Draft {
    final int index;
    final SellableItem item;
    final Quantity quantity;
    final UnitPrice unitPrice;
    final PricedLine.PriceOrigin origin;
    final Optional<PriceListId> priceList;
    final boolean inclusive;
    final Money amount;
    final List<LineDiscount> discounts = new ArrayList<>();

    Draft(
        int index,
        SellableItem item,
        Quantity quantity,
        UnitPrice unitPrice,
        PricedLine.PriceOrigin origin,
        Optional<PriceListId> priceList,
        boolean inclusive,
        Money amount) {
      this.index = index;
      this.item = item;
      this.quantity = quantity;
      this.unitPrice = unitPrice;
      this.origin = origin;
      this.priceList = priceList;
      this.inclusive = inclusive;
      this.amount = amount;
    }

    Money discountTotal() {
      return discounts.stream()
          .map(LineDiscount::amount)
          .reduce(Money.zero(amount.currency()), Money::plus);
    }

    Money remaining() {
      return amount.minus(discountTotal());
    }
  }
}
