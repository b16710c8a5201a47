package io.vruksha.retail.postgres;

import io.vruksha.retail.cache.KeyValueCache;
import io.vruksha.retail.catalog.CachingCatalog;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.pricing.CachingPriceBook;
import io.vruksha.retail.store.CachingStores;
import io.vruksha.retail.tax.CachingTaxRules;
import java.time.Duration;

/**
 * Wires the PostgreSQL adapters into an engine builder: the unit of work, stock, the journal and
 * its counters, the outbox, idempotency keys, loyalty, store credit, coupon redemptions, sales,
 * invoices, shifts, stores, customers, staff, the catalogue, the price book, promotions and
 * coupons, tax rules, procurement, carts, sales analytics, handled events, staff credentials and
 * payments through providers, and the centre's copy of the tills' chains: every port of the engine.
 *
 * <pre>{@code
 * PostgresDatabase db = PostgresDatabase.connect(PostgresConfig.from(System.getenv()));
 * db.migrate();
 * RetailEngine engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
 * }</pre>
 *
 * <p>The engine it builds does not run the reactions in process ({@link
 * RetailEngine.Builder#reactInProcess}): a NATS relay publishes the outbox, or the server drains it
 * on a thread of its own.
 *
 * <p>Promotions are read once per store into the engine's index; a process that changes them must
 * call {@link RetailEngine#promotionsChanged()} in the others (the NATS adapter will broadcast it).
 */
public final class PostgresAdapters {

  private PostgresAdapters() {}

  /** How long a catalogue or price read may be served from the near-cache. */
  public static final Duration NEAR_CACHE_TTL = Duration.ofSeconds(30);

  /**
   * {@code builder} with the Postgres adapters of {@code db}; catalogue and price reads go through
   * a Caffeine near-cache, dropped on this process's writes and expiring after {@link
   * #NEAR_CACHE_TTL} for other processes' writes (or sooner, with a shared cache: see the
   * overload).
   */
  public static RetailEngine.Builder use(PostgresDatabase db, RetailEngine.Builder builder) {
    return use(db, builder, new CaffeineCache(100_000));
  }

  /**
   * {@code builder} with the Postgres adapters of {@code db}, catalogue and price reads going
   * through {@code nearCache}: for several processes, a {@link io.vruksha.retail.cache.TieredCache}
   * over the shared NATS bucket, whose deletes drop the same keys from every process's near-cache.
   */
  public static RetailEngine.Builder use(
      PostgresDatabase db, RetailEngine.Builder builder, KeyValueCache nearCache) {
    return builder
        // on PostgreSQL the outbox belongs to the NATS relay or to the server's reaction thread;
        // an engine draining it after each commit would take events from under them
        .reactInProcess(false)
        .unitOfWork(db.unitOfWork())
        .stockLedger(new PostgresStockLedger(db))
        .journal(new PostgresJournal(db))
        .invoiceSequence(new PostgresInvoiceSequence(db))
        .outbox(new PostgresOutbox(db))
        .idempotency(new PostgresIdempotencyStore(db))
        .loyaltyLedger(new PostgresLoyaltyLedger(db))
        .storeCredits(new PostgresStoreCredits(db))
        .couponLedger(new PostgresCouponLedger(db))
        .sales(new PostgresSales(db))
        .invoices(new PostgresInvoices(db))
        .shifts(new PostgresShifts(db))
        .stores(new CachingStores(new PostgresStores(db), nearCache, NEAR_CACHE_TTL))
        .customers(new PostgresCustomers(db))
        .staff(new PostgresStaff(db))
        .catalog(new CachingCatalog(new PostgresCatalog(db), nearCache, NEAR_CACHE_TTL))
        .priceBook(new CachingPriceBook(new PostgresPriceBook(db), nearCache, NEAR_CACHE_TTL))
        .promotions(new PostgresPromotions(db))
        .taxRules(new CachingTaxRules(new PostgresTaxRules(db), nearCache, NEAR_CACHE_TTL))
        .procurement(new PostgresProcurement(db))
        .carts(new PostgresCartStore(db))
        .analytics(new PostgresSalesAnalytics(db))
        .handledEvents(new PostgresHandledEvents(db))
        .credentials(new PostgresCredentials(db))
        .orders(new PostgresOrders(db))
        .curbsideSlots(new PostgresCurbsideSlots(db))
        .warrantyBook(new PostgresWarrantyBook(db))
        .giftCardBook(new PostgresGiftCardBook(db))
        .notificationOutbox(new PostgresNotificationOutbox(db))
        .payments(new PostgresPayments(db))
        .tillLedger(new PostgresTillLedger(db));
  }
}
