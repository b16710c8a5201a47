package io.vruksha.retail.engine;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.analytics.SalesAnalytics;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.EmbeddedBarcodeLayout;
import io.vruksha.retail.curbside.CurbsideSlots;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.event.HandledEvents;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.giftcard.CodeLockout;
import io.vruksha.retail.giftcard.GiftCardBook;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.InvoiceSequence;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.loyalty.LoyaltyProgram;
import io.vruksha.retail.memory.InMemoryCartStore;
import io.vruksha.retail.memory.InMemoryCatalog;
import io.vruksha.retail.memory.InMemoryCouponLedger;
import io.vruksha.retail.memory.InMemoryCredentials;
import io.vruksha.retail.memory.InMemoryCurbsideSlots;
import io.vruksha.retail.memory.InMemoryCustomers;
import io.vruksha.retail.memory.InMemoryGiftCardBook;
import io.vruksha.retail.memory.InMemoryHandledEvents;
import io.vruksha.retail.memory.InMemoryIdempotencyStore;
import io.vruksha.retail.memory.InMemoryInvoiceSequence;
import io.vruksha.retail.memory.InMemoryInvoices;
import io.vruksha.retail.memory.InMemoryJournal;
import io.vruksha.retail.memory.InMemoryLoyaltyLedger;
import io.vruksha.retail.memory.InMemoryNotificationOutbox;
import io.vruksha.retail.memory.InMemoryOrders;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryPayments;
import io.vruksha.retail.memory.InMemoryPriceBook;
import io.vruksha.retail.memory.InMemoryProcurement;
import io.vruksha.retail.memory.InMemoryPromotions;
import io.vruksha.retail.memory.InMemorySales;
import io.vruksha.retail.memory.InMemorySalesAnalytics;
import io.vruksha.retail.memory.InMemoryShifts;
import io.vruksha.retail.memory.InMemoryStaff;
import io.vruksha.retail.memory.InMemoryStockLedger;
import io.vruksha.retail.memory.InMemoryStoreCredits;
import io.vruksha.retail.memory.InMemoryStores;
import io.vruksha.retail.memory.InMemoryTaxRules;
import io.vruksha.retail.memory.InMemoryTillLedger;
import io.vruksha.retail.memory.InMemoryUnitOfWork;
import io.vruksha.retail.memory.InMemoryWarrantyBook;
import io.vruksha.retail.notification.NotificationOutbox;
import io.vruksha.retail.order.Orders;
import io.vruksha.retail.payment.PaymentCheckout;
import io.vruksha.retail.payment.PaymentProviders;
import io.vruksha.retail.payment.Payments;
import io.vruksha.retail.pricing.PriceBook;
import io.vruksha.retail.procurement.Procurement;
import io.vruksha.retail.promotion.CouponLedger;
import io.vruksha.retail.promotion.Promotions;
import io.vruksha.retail.reaction.Reaction;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.sale.CartStore;
import io.vruksha.retail.sale.IdempotencyStore;
import io.vruksha.retail.sale.Sales;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.stock.StockLedger;
import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.Stores;
import io.vruksha.retail.sync.TillLedger;
import io.vruksha.retail.tax.TaxRules;
import io.vruksha.retail.warranty.WarrantyBook;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configures an engine. Every setter replaces one port's adapter; what is not set is in memory. Not
 * thread-safe; the engine it builds is.
 */
public abstract sealed class RetailEngineBuilder permits RetailEngine.Builder {
  Stores stores = new InMemoryStores();
  Catalog catalog = new InMemoryCatalog();
  PriceBook priceBook = new InMemoryPriceBook();
  Promotions promotions = new InMemoryPromotions();
  CouponLedger couponLedger = new InMemoryCouponLedger();
  TaxRules taxRules = new InMemoryTaxRules();
  Clock clock = Clock.systemUTC();
  StockLedger stockLedger = new InMemoryStockLedger();
  Outbox outbox = new InMemoryOutbox();
  UnitOfWork work = new InMemoryUnitOfWork();
  Journal journal = new InMemoryJournal();
  InvoiceSequence invoiceSequence = new InMemoryInvoiceSequence();
  LoyaltyLedger loyaltyLedger = new InMemoryLoyaltyLedger();
  Optional<LoyaltyProgram> loyaltyProgram = Optional.empty();
  Sales sales = new InMemorySales();
  IdempotencyStore idempotency = new InMemoryIdempotencyStore();
  StoreCredits storeCredits = new InMemoryStoreCredits();
  Shifts shifts = new InMemoryShifts();
  Customers customers = new InMemoryCustomers();
  Staff staff = new InMemoryStaff();
  Procurement procurement = new InMemoryProcurement();
  CartStore carts = new InMemoryCartStore();
  Invoices invoices = new InMemoryInvoices();
  SalesAnalytics analytics = new InMemorySalesAnalytics();
  HandledEvents handledEvents = new InMemoryHandledEvents();
  Credentials credentials = new InMemoryCredentials();
  Orders orders = new InMemoryOrders();
  CurbsideSlots curbsideSlots = new InMemoryCurbsideSlots();
  WarrantyBook warrantyBook = new InMemoryWarrantyBook();
  GiftCardBook giftCardBook = new InMemoryGiftCardBook();
  CodeLockout giftCardLockout = CodeLockout.DEFAULT;
  NotificationOutbox notificationOutbox = new InMemoryNotificationOutbox();
  Duration returnWindow = Duration.ofDays(30);
  Payments payments = new InMemoryPayments();
  PaymentProviders paymentProviders = new PaymentProviders();
  Duration paymentHold = PaymentCheckout.DEFAULT_HOLD;
  boolean reactInProcess = true;
  Optional<String> till = Optional.empty();
  TillLedger tillLedger = new InMemoryTillLedger();
  Set<Reaction> reactions = Reaction.enabled(Map.of());
  final List<EmbeddedBarcodeLayout> embeddedLayouts = new ArrayList<>();

  RetailEngineBuilder() {}

  /** The stores port. */
  public RetailEngine.Builder stores(Stores stores) {
    this.stores = required(stores, "stores");
    return self();
  }

  /** The catalogue port. */
  public RetailEngine.Builder catalog(Catalog catalog) {
    this.catalog = required(catalog, "catalog");
    return self();
  }

  /** The price book port. */
  public RetailEngine.Builder priceBook(PriceBook priceBook) {
    this.priceBook = required(priceBook, "priceBook");
    return self();
  }

  /** The promotions port. */
  public RetailEngine.Builder promotions(Promotions promotions) {
    this.promotions = required(promotions, "promotions");
    return self();
  }

  /** The coupon ledger port. */
  public RetailEngine.Builder couponLedger(CouponLedger couponLedger) {
    this.couponLedger = required(couponLedger, "couponLedger");
    return self();
  }

  /** The tax rules port. */
  public RetailEngine.Builder taxRules(TaxRules taxRules) {
    this.taxRules = required(taxRules, "taxRules");
    return self();
  }

  /**
   * The clock that dates sales and promotions (a fixed clock in tests). The engine wraps it so
   * every instant it hands out is truncated to microseconds, the precision every adapter stores.
   */
  public RetailEngine.Builder clock(Clock clock) {
    this.clock = required(clock, "clock");
    return self();
  }

  /** The stock ledger port. */
  public RetailEngine.Builder stockLedger(StockLedger stockLedger) {
    this.stockLedger = required(stockLedger, "stockLedger");
    return self();
  }

  /** The outbox port. */
  public RetailEngine.Builder outbox(Outbox outbox) {
    this.outbox = required(outbox, "outbox");
    return self();
  }

  /** The unit of work; must be the one the other ports' writes join. */
  public RetailEngine.Builder unitOfWork(UnitOfWork work) {
    this.work = required(work, "work");
    return self();
  }

  /** The fiscal journal port. */
  public RetailEngine.Builder journal(Journal journal) {
    this.journal = required(journal, "journal");
    return self();
  }

  /** The invoice sequence port. */
  public RetailEngine.Builder invoiceSequence(InvoiceSequence invoiceSequence) {
    this.invoiceSequence = required(invoiceSequence, "invoiceSequence");
    return self();
  }

  /** The loyalty ledger port. */
  public RetailEngine.Builder loyaltyLedger(LoyaltyLedger loyaltyLedger) {
    this.loyaltyLedger = required(loyaltyLedger, "loyaltyLedger");
    return self();
  }

  /** Runs a loyalty programme (none by default). */
  public RetailEngine.Builder loyaltyProgram(LoyaltyProgram program) {
    this.loyaltyProgram = Optional.of(required(program, "loyaltyProgram"));
    return self();
  }

  /** The sales port. */
  public RetailEngine.Builder sales(Sales sales) {
    this.sales = required(sales, "sales");
    return self();
  }

  /** The idempotency store port. */
  public RetailEngine.Builder idempotency(IdempotencyStore idempotency) {
    this.idempotency = required(idempotency, "idempotency");
    return self();
  }

  /** How long after a sale its goods may come back (30 days by default). */
  public RetailEngine.Builder returnWindow(Duration window) {
    this.returnWindow = required(window, "returnWindow");
    return self();
  }

  /** The invoices port. */
  public RetailEngine.Builder invoices(Invoices invoices) {
    this.invoices = required(invoices, "invoices");
    return self();
  }

  /** The cart store port. */
  public RetailEngine.Builder carts(CartStore carts) {
    this.carts = required(carts, "carts");
    return self();
  }

  /** The procurement port. */
  public RetailEngine.Builder procurement(Procurement procurement) {
    this.procurement = required(procurement, "procurement");
    return self();
  }

  /** The staff port. */
  public RetailEngine.Builder staff(Staff staff) {
    this.staff = required(staff, "staff");
    return self();
  }

  /** The customers port. */
  public RetailEngine.Builder customers(Customers customers) {
    this.customers = required(customers, "customers");
    return self();
  }

  /** The shifts port. */
  public RetailEngine.Builder shifts(Shifts shifts) {
    this.shifts = required(shifts, "shifts");
    return self();
  }

  /** The store credits port. */
  public RetailEngine.Builder storeCredits(StoreCredits storeCredits) {
    this.storeCredits = required(storeCredits, "storeCredits");
    return self();
  }

  /** A price- or weight-embedded barcode layout the store's scales and labels print. */
  public RetailEngine.Builder embeddedBarcode(EmbeddedBarcodeLayout layout) {
    embeddedLayouts.add(required(layout, "layout"));
    return self();
  }

  /** The sales analytics aggregates port. */
  public RetailEngine.Builder analytics(SalesAnalytics analytics) {
    this.analytics = required(analytics, "analytics");
    return self();
  }

  /** The handled-events port of the engine's consumers. */
  public RetailEngine.Builder handledEvents(HandledEvents handledEvents) {
    this.handledEvents = required(handledEvents, "handledEvents");
    return self();
  }

  /** The staff credentials port. */
  public RetailEngine.Builder credentials(Credentials credentials) {
    this.credentials = required(credentials, "credentials");
    return self();
  }

  /** Where orders for later fulfilment are kept. */
  public RetailEngine.Builder orders(Orders orders) {
    this.orders = required(orders, "orders");
    return self();
  }

  /** Where curbside slots and bookings are kept. */
  public RetailEngine.Builder curbsideSlots(CurbsideSlots slots) {
    this.curbsideSlots = required(slots, "curbsideSlots");
    return self();
  }

  /** Where serialised SKUs, warranties and claims are kept. */
  public RetailEngine.Builder warrantyBook(WarrantyBook book) {
    this.warrantyBook = required(book, "warrantyBook");
    return self();
  }

  /** Where gift card SKUs, cards, their ledger and the wrong codes counted are kept. */
  public RetailEngine.Builder giftCardBook(GiftCardBook book) {
    this.giftCardBook = required(book, "giftCardBook");
    return self();
  }

  /** How wrong gift card codes lock their source out ({@code CodeLockout.DEFAULT} unless set). */
  public RetailEngine.Builder giftCardLockout(CodeLockout lockout) {
    this.giftCardLockout = required(lockout, "giftCardLockout");
    return self();
  }

  /** Where notifications, templates and subscriptions are kept. */
  public RetailEngine.Builder notificationOutbox(NotificationOutbox notifications) {
    this.notificationOutbox = required(notifications, "notificationOutbox");
    return self();
  }

  /** Where pending checkouts and provider payments are kept. */
  public RetailEngine.Builder payments(Payments payments) {
    this.payments = required(payments, "payments");
    return self();
  }

  /**
   * The payment providers per tender kind and store (none by default: cash, cards by reference).
   */
  public RetailEngine.Builder paymentProviders(PaymentProviders providers) {
    this.paymentProviders = required(providers, "paymentProviders");
    return self();
  }

  /** How long a checkout waits for its payment before its stock is released (15 minutes). */
  public RetailEngine.Builder paymentHold(Duration hold) {
    this.paymentHold = required(hold, "paymentHold");
    return self();
  }

  /**
   * Whether the engine runs its reactions in process (on by default): after each of its units of
   * work commits, the events waiting in the outbox are handled by the {@link #reactions enabled
   * reactions} and marked sent, so the daily sales, product performance, reorder drafts and
   * notifications follow the sales with no NATS and no extra code. An event whose reactions fail
   * stays in the outbox and is tried again after the next unit of work (three times, see {@link
   * io.vruksha.retail.reaction.OutboxReactions}); on a durable store an event not handled when the
   * process stopped is handled after the restart, and each event id is handled once ({@link
   * io.vruksha.retail.event.HandledEvents}).
   *
   * <p>Turn it off when something else drains the outbox: a NATS relay (the reactions then consume
   * the stream), a server's reaction thread, or a test that reads the outbox. {@code
   * PostgresAdapters.use} turns it off, since on PostgreSQL the relay or the server owns the
   * outbox.
   */
  public RetailEngine.Builder reactInProcess(boolean on) {
    this.reactInProcess = on;
    return self();
  }

  /**
   * The reactions run in process (all of them by default; {@code Reaction.enabled(System.getenv())}
   * reads the feature flags).
   */
  public RetailEngine.Builder reactions(Set<Reaction> enabled) {
    this.reactions = Set.copyOf(required(enabled, "reactions"));
    return self();
  }

  /**
   * Makes this the engine of a till that may sell offline: every series it numbers carries the
   * till's id after the series, {@code S001-T01-2026-000001} for sales ({@code C001-T01-...} credit
   * notes, {@code Z001-T01-...} Z reports, {@code B001-T01-...} B2B invoices), gapless per store,
   * series with till, and year, so no two tills of a store take the same number. Its journal is the
   * till's own chain; the centre takes it with {@code RetailEngine.tillSync()}.
   *
   * @throws InvalidInputException VALIDATION unless the id is 1 to 8 letters or digits
   */
  public RetailEngine.Builder till(String tillId) {
    if (tillId == null || !FiscalJournal.TILL_ID.matcher(tillId).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a till id is 1 to 8 letters or digits (A-Z, a-z, 0-9), was '" + tillId + "'");
    }
    this.till = Optional.of(tillId);
    return self();
  }

  /**
   * Where the centre keeps its copy of each till's journal and the tills' flags; give one that
   * joins the engine's unit of work (PostgresAdapters does). A till's own engine never uses it, so
   * the in-memory default may stay beside a till's durable store.
   */
  public RetailEngine.Builder tillLedger(TillLedger ledger) {
    this.tillLedger = required(ledger, "tillLedger");
    return self();
  }

  /**
   * The engine.
   *
   * @throws IllegalStateException when the adapters do not share the unit of work: one joins a
   *     database's transaction other than the engine's, or database adapters are mixed with
   *     in-memory ones (a PostgreSQL sales port with an in-memory stock ledger, say); the message
   *     names the adapters
   */
  public RetailEngine build() {
    requireOneUnitOfWork();
    RetailEngine engine = new RetailEngine(this);
    // events a previous run left unhandled in a durable outbox
    engine.reactToPending();
    return engine;
  }

  /** The ports a checkout, a return or a shift writes in one unit of work. */
  private Map<String, Object> transactionalPorts() {
    Map<String, Object> ports = new LinkedHashMap<>();
    ports.put("stockLedger", stockLedger);
    ports.put("journal", journal);
    ports.put("invoiceSequence", invoiceSequence);
    ports.put("outbox", outbox);
    ports.put("idempotency", idempotency);
    ports.put("loyaltyLedger", loyaltyLedger);
    ports.put("storeCredits", storeCredits);
    ports.put("couponLedger", couponLedger);
    ports.put("sales", sales);
    ports.put("invoices", invoices);
    ports.put("shifts", shifts);
    ports.put("giftCardBook", giftCardBook);
    ports.put("payments", payments);
    return ports;
  }

  private void requireOneUnitOfWork() {
    List<String> joined = new ArrayList<>();
    List<String> inMemory = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    transactionalPorts()
        .forEach(
            (name, port) -> {
              String named = name + " (" + port.getClass().getSimpleName() + ")";
              if (port instanceof JoinsUnitOfWork j) {
                (j.unitOfWork() == work ? joined : elsewhere).add(named);
              } else {
                inMemory.add(named);
              }
            });
    if (!elsewhere.isEmpty() || (!joined.isEmpty() && !inMemory.isEmpty())) {
      throw new IllegalStateException(
          "the adapters do not share one unit of work ("
              + work.getClass().getSimpleName()
              + "): "
              + (elsewhere.isEmpty() ? "" : "joining another unit of work: " + elsewhere + "; ")
              + (joined.isEmpty() ? "" : "joining it: " + joined + "; ")
              + (inMemory.isEmpty() ? "" : "in memory: " + inMemory)
              + " — give every one of them the same database (PostgresAdapters.use), or none");
    }
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "RetailEngine.builder()." + what + "(...) was given null");
    }
    return value;
  }

  private RetailEngine.Builder self() {
    return (RetailEngine.Builder) this;
  }
}
