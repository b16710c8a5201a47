package io.vruksha.retail.engine;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.ScanResolver;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.curbside.Curbside;
import io.vruksha.retail.customer.CustomerDirectory;
import io.vruksha.retail.event.HandledEvents;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.giftcard.GiftCards;
import io.vruksha.retail.invoicing.Billing;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.loyalty.Loyalty;
import io.vruksha.retail.notification.Notifier;
import io.vruksha.retail.order.Fulfilment;
import io.vruksha.retail.payment.PaymentCheckout;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.procurement.Purchasing;
import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.promotion.Promotion;
import io.vruksha.retail.promotion.PromotionEngine;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.reaction.OutboxReactions;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.register.Registers;
import io.vruksha.retail.report.PeriodReports;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.NoReceiptReturns;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Returns;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.sale.Tills;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.store.Workforce;
import io.vruksha.retail.sync.TillSync;
import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.time.Instants;
import io.vruksha.retail.warranty.Warranties;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The one entry point to the engine: built from ports, exposing the use cases.
 *
 * <pre>{@code
 * RetailEngine engine = RetailEngine.builder().build();   // in-memory adapters
 * engine.stores().save(new Store(StoreId.of("demo"), "Demo", EUR, ZoneId.of("Europe/Berlin"), CashRounding.NONE));
 * // ... catalogue, price lists, tax rules, promotions ...
 * PricedBasket basket = engine.priceBasket(
 *     BasketRequest.builder(StoreId.of("demo")).add("4006381333931", 2).build(),
 *     Actor.cashier("anna"));
 * }</pre>
 *
 * <p>With no port given, the builder uses the in-memory adapters: the embedded default, which needs
 * neither a database nor a message bus. Thread-safe: one engine serves every till of a process.
 */
public final class RetailEngine {

  private final Stores stores;
  private final Catalog catalog;
  private final PriceBook priceBook;
  private final Promotions promotions;
  private final CouponLedger couponLedger;
  private final TaxRules taxRules;
  private final Clock clock;
  private final BasketPricer pricer;
  private final Map<StoreId, PromotionEngine> promotionEngines = new ConcurrentHashMap<>();
  private final Stock stock;
  private final FiscalJournal journal;
  private final Optional<Loyalty> loyalty;
  private final Sales sales;
  private final StoreCredits storeCredits;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final UnitOfWork adapterWork;
  private final OutboxReactions inProcess;
  private final Checkout checkout;
  private final Returns returns;
  private final Registers registers;
  private final CustomerDirectory customers;
  private final Workforce workforce;
  private final Purchasing purchasing;
  private final Tills tills;
  private final Billing billing;
  private final NoReceiptReturns noReceiptReturns;
  private final SalesAnalytics analytics;
  private final PeriodReports reports;
  private final HandledEvents handledEvents;
  private final Credentials credentials;
  private final Warranties warranties;
  private final Fulfilment fulfilment;
  private final Curbside curbside;
  private final Notifier notifier;
  private final GiftCards giftCards;
  private final PaymentCheckout payments;
  private final TillSync tillSync;

  RetailEngine(RetailEngineBuilder b) {
    this.stores = b.stores;
    this.catalog = b.catalog;
    this.priceBook = b.priceBook;
    this.promotions = b.promotions;
    this.couponLedger = b.couponLedger;
    this.taxRules = b.taxRules;
    this.clock = Instants.microsClock(b.clock);
    this.pricer =
        new BasketPricer(
            stores,
            catalog,
            new ScanResolver(catalog, b.embeddedLayouts),
            priceBook,
            this::promotionEngine,
            taxRules,
            clock);
    this.adapterWork = b.work;
    this.work = b.reactInProcess ? new ReactingUnitOfWork(b.work, this::reactAfterCommit) : b.work;
    this.analytics = b.analytics;
    this.handledEvents = b.handledEvents;
    this.credentials = b.credentials;
    this.outbox = b.outbox;
    this.stock = new Stock(b.stockLedger, catalog, outbox, work, clock);
    this.journal = new FiscalJournal(b.journal, b.invoiceSequence, b.till);
    this.loyalty = b.loyaltyProgram.map(p -> new Loyalty(p, b.loyaltyLedger));
    this.sales = b.sales;
    this.storeCredits = b.storeCredits;
    this.reports = new PeriodReports(stores, sales, analytics);
    this.giftCards = new GiftCards(b.giftCardBook, stores, outbox, work, clock, b.giftCardLockout);
    // a shift of another store is not found, as if it did not exist
    BiPredicate<StoreId, String> openShift =
        (store, id) ->
            b.shifts
                .find(id)
                .filter(sh -> sh.store().equals(store))
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            ErrorCode.NOT_FOUND, "no shift " + id + " in store " + store))
                .open();
    this.checkout =
        new Checkout(
            stores,
            catalog,
            pricer,
            stock,
            journal,
            loyalty,
            promotions,
            couponLedger,
            sales,
            b.idempotency,
            storeCredits,
            outbox,
            work,
            clock,
            openShift,
            b.invoices,
            giftCards);
    this.payments =
        new PaymentCheckout(
            b.payments,
            b.paymentProviders,
            checkout,
            pricer,
            stock,
            storeCredits,
            outbox,
            work,
            clock,
            b.paymentHold,
            openShift);
    this.billing =
        new Billing(b.invoices, b.customers, pricer, stock, journal, outbox, work, clock);
    this.registers =
        new Registers(
            b.shifts,
            sales,
            journal,
            outbox,
            work,
            clock,
            (store, sale) -> b.payments.ofSale(store, sale));
    this.workforce = new Workforce(b.staff, sales, clock);
    this.tills = new Tills(b.carts, pricer, checkout, work, clock);
    this.purchasing = new Purchasing(b.procurement, stock, catalog, outbox, work, clock);
    this.customers =
        new CustomerDirectory(
            b.customers,
            b.loyaltyProgram.map(p -> b.loyaltyLedger),
            outbox,
            b.notificationOutbox,
            b.orders,
            b.curbsideSlots,
            work,
            clock);
    this.noReceiptReturns =
        new NoReceiptReturns(
            stores,
            catalog,
            priceBook,
            taxRules,
            sales,
            stock,
            journal,
            outbox,
            work,
            clock,
            b.returnWindow);
    this.returns =
        new Returns(
            sales,
            stock,
            journal,
            loyalty,
            storeCredits,
            outbox,
            work,
            clock,
            b.returnWindow,
            billing::credit,
            b.idempotency,
            giftCards,
            payments::refundForReturn);
    this.warranties = new Warranties(b.warrantyBook, outbox, work, clock);
    this.fulfilment =
        new Fulfilment(
            b.orders,
            catalog,
            pricer,
            stock,
            checkout,
            warranties::registerSale,
            outbox,
            work,
            clock);
    this.curbside = new Curbside(b.curbsideSlots, outbox, work, clock);
    this.notifier =
        new Notifier(b.notificationOutbox, b.orders, b.customers, stores, outbox, work, clock);
    this.tillSync = new TillSync(b.tillLedger, this, outbox, work);
    this.inProcess =
        b.reactInProcess
            ? new OutboxReactions(new Reactions(this, b.reactions), outbox, adapterWork)
            : null;
  }

  /** Handles what waits in the outbox now, when the engine reacts in process. */
  void reactToPending() {
    reactAfterCommit();
  }

  /** After a unit of work committed: the in-process reactions handle what it left pending. */
  private void reactAfterCommit() {
    if (inProcess != null) {
      inProcess.drain();
    }
  }

  /**
   * Whether this engine runs its reactions in process ({@link Builder#reactInProcess}): then
   * nothing else may drain its outbox.
   */
  public boolean reactsInProcess() {
    return inProcess != null;
  }

  /** Orders for later fulfilment (kiosk, web, phone): place, pick, ready, collect, cancel. */
  public Fulfilment orders() {
    return fulfilment;
  }

  /**
   * Checkouts paid through payment providers (card terminals, buy now pay later, crypto): begin,
   * callbacks, polls, cancel, and the re-check of pending payments on start.
   */
  public PaymentCheckout payments() {
    return payments;
  }

  /** Tills selling offline, the centre's side: documents taken once, chains kept, flags. */
  public TillSync tillSync() {
    return tillSync;
  }

  /** The till this engine numbers for ({@link Builder#till}), empty for a centre or a server. */
  public Optional<String> till() {
    return journal.till();
  }

  /** Curbside collection: slots with capacity, bookings, check-in. */
  public Curbside curbside() {
    return curbside;
  }

  /**
   * Gift cards: the SKUs that sell them, balance enquiries, reloads, cancellation, expiry, the
   * liability report and imports. They are redeemed as a {@code Tender.GiftCard} at checkout.
   */
  public GiftCards giftCards() {
    return giftCards;
  }

  /** Warranties on serialised items: registration, lookups, claims. */
  public Warranties warranties() {
    return warranties;
  }

  /** Notifications: templates, subscriptions, the notification outbox and its delivery. */
  public Notifier notifications() {
    return notifier;
  }

  /**
   * Checks out a sale with the serial numbers of its serialised SKUs, registering their warranties
   * in the sale's unit of work: a serialised SKU without its serials refuses the whole sale.
   */
  public Sale checkout(CheckoutRequest request, Map<Sku, List<String>> serials, Actor cashier) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(serials, "serials");
    Objects.requireNonNull(cashier, "cashier");
    checkout.screenGiftCards(request, cashier);
    return work.runFor(
        request.basket().store(),
        () -> {
          Sale sale = checkout.checkout(request, cashier);
          if (warranties.book().byReceipt(sale.store(), sale.number()).isEmpty()) {
            warranties.registerSale(sale, serials);
          }
          return sale;
        });
  }

  /** The daily sales and product performance aggregates the analytics reaction keeps. */
  public SalesAnalytics analytics() {
    return analytics;
  }

  /** Which events each consumer (a reaction) has handled. */
  public HandledEvents handledEvents() {
    return handledEvents;
  }

  /**
   * Daily sales, product performance and the tax summary over a range of business days: the one
   * place the server and the command line take their period reports from.
   */
  public PeriodReports reports() {
    return reports;
  }

  /** Staff credentials (password and PIN hashes, failed attempts) for the server's login. */
  public Credentials credentials() {
    return credentials;
  }

  /** Starts building an engine; every port defaults to its in-memory adapter. */
  public static Builder builder() {
    return new Builder();
  }

  /** Prices a basket: lines, promotions, manual discounts, tax and totals. Changes nothing. */
  public PricedBasket priceBasket(BasketRequest request, Actor actor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(actor, "actor");
    return pricer.price(request, actor);
  }

  /**
   * Checks out a sale in one unit of work: priced, paid, stock booked, coupons and points redeemed,
   * points earned, invoiced into the journal, events to the outbox. Idempotent by the request's
   * key.
   */
  public Sale checkout(CheckoutRequest request, Actor cashier) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(cashier, "cashier");
    return checkout.checkout(request, cashier);
  }

  /**
   * Takes goods back against a receipt: credit note, restock or write-off, points taken back,
   * refund to the original tender or store credit. Needs the REFUND permission.
   */
  public ReturnReceipt acceptReturn(ReturnRequest request, Actor actor) {
    return acceptReturn(request, List.of(), actor);
  }

  /**
   * Takes goods back against a receipt, with the serial numbers of serialised units: each must have
   * been sold on that receipt's returned line, and its warranty is voided in the return's unit of
   * work. A serialised line returned without its serials is refused (RETURN_INVALID).
   */
  public ReturnReceipt acceptReturn(ReturnRequest request, List<String> serials, Actor actor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(serials, "serials");
    Objects.requireNonNull(actor, "actor");
    Optional<Sale> sale = sales.find(request.saleId());
    if (sale.isEmpty()) {
      return returns.accept(request, actor); // reports the unknown sale in its own words
    }
    return work.runFor(
        sale.get().store(),
        () -> {
          if (sales.returnsOf(request.saleId()).stream()
              .noneMatch(
                  r -> r.id().equals("R-" + sale.get().store() + "-" + request.idempotencyKey()))) {
            // a replayed return was checked (and its warranties voided) the first time
            warranties.voidForReturn(sale.get(), request, serials);
          }
          return returns.accept(request, actor);
        });
  }

  /** Invoices: the paid invoices of till sales, B2B invoices and their payments. */
  public Billing billing() {
    return billing;
  }

  /** The till's carts: scan, change, void, park, resume, check out. */
  public Tills tills() {
    return tills;
  }

  /** Purchasing: suppliers, purchase orders drafted from low stock, approval, receiving. */
  public Purchasing purchasing() {
    return purchasing;
  }

  /** Staff: members, roles, clock-in and clock-out, sales per cashier. */
  public Workforce workforce() {
    return workforce;
  }

  /** Customers: create (and enrol), update, anonymise. */
  public CustomerDirectory customers() {
    return customers;
  }

  /** Registers and shifts: open, cash in and out, X and Z reports. */
  public Registers registers() {
    return registers;
  }

  /**
   * Takes goods back without a receipt at the lowest recent price, paid in cash. Needs the
   * NO_RECEIPT_RETURN permission.
   */
  public NoReceiptReturns noReceiptReturns() {
    return noReceiptReturns;
  }

  /** Stock: levels, movements, receipts, adjustments, transfers, counts. */
  public Stock stock() {
    return stock;
  }

  /** The fiscal journal: numbering, chaining and verification. */
  public FiscalJournal journal() {
    return journal;
  }

  /** The loyalty programme, when one runs. */
  public Optional<Loyalty> loyalty() {
    return loyalty;
  }

  /** Completed sales and returns. */
  public Sales sales() {
    return sales;
  }

  /** Customers' store credit. */
  public StoreCredits storeCredits() {
    return storeCredits;
  }

  /**
   * Runs several of the engine's calls for {@code store} as one unit of work: what they write
   * commits together or not at all, and with PostgreSQL they see and change that store's rows only
   * (row-level security). A call inside another one joins it.
   */
  public <T> T inStore(StoreId store, Supplier<T> work) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(work, "work");
    return this.work.runFor(store, work);
  }

  /** {@link #inStore(StoreId, Supplier)} for several stores (a transfer between two, say). */
  public <T> T inStores(Set<StoreId> stores, Supplier<T> work) {
    Objects.requireNonNull(stores, "stores");
    Objects.requireNonNull(work, "work");
    return this.work.runFor(stores, work);
  }

  /** {@link #inStore(StoreId, Supplier)} for work that returns nothing. */
  public void useStore(StoreId store, Runnable work) {
    Objects.requireNonNull(work, "work");
    inStore(
        store,
        () -> {
          work.run();
          return null;
        });
  }

  /** How many events are committed but not yet published or handled (the relay's lag). */
  public long pendingEvents() {
    return outbox.pendingCount();
  }

  /** The outbox, for {@link EngineHost} only. */
  Outbox outbox() {
    return outbox;
  }

  /**
   * The adapters' unit of work, for {@link EngineHost} only: a host's own units of work (a relay's,
   * a server's store scope) do not trigger the in-process reactions.
   */
  UnitOfWork unitOfWork() {
    return adapterWork;
  }

  /**
   * Saves a promotion and makes every store's next pricing see it. Use this rather than the port
   * directly, so the engine's per-store promotion index is rebuilt.
   */
  public void definePromotion(Promotion promotion) {
    promotions.save(promotion);
    promotionEngines.clear();
  }

  /** Drops the cached promotion indexes, after promotions were changed behind the engine's back. */
  public void promotionsChanged() {
    promotionEngines.clear();
  }

  private PromotionEngine promotionEngine(StoreId store) {
    return promotionEngines.computeIfAbsent(
        store, s -> PromotionEngine.of(promotions.active(s), promotions.coupons(), couponLedger));
  }

  /** The stores. */
  public Stores stores() {
    return stores;
  }

  /** The catalogue. */
  public Catalog catalog() {
    return catalog;
  }

  /** The price lists and their history. */
  public PriceBook priceBook() {
    return priceBook;
  }

  /** The promotions (read; define new ones with {@link #definePromotion}). */
  public Promotions promotions() {
    return promotions;
  }

  /** Tax jurisdictions per store. */
  public TaxRules taxRules() {
    return taxRules;
  }

  /** The engine's clock: the one it was built with, every instant truncated to microseconds. */
  public Clock clock() {
    return clock;
  }

  /**
   * Configures an engine: {@link RetailEngineBuilder} holds the ports and their in-memory defaults;
   * this name stays for the embedders who write {@code RetailEngine.Builder}.
   */
  public static final class Builder extends RetailEngineBuilder {
    Builder() {}
  }
}
