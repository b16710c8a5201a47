package io.vruksha.retail.postgres;

import io.vruksha.retail.engine.RetailEngine;

/**
 * Wires the PostgreSQL adapters into an engine builder: the unit of work, stock, the journal and
 * its counters, the outbox, idempotency keys, loyalty, store credit, coupon redemptions, sales,
 * invoices, shifts, stores, customers, staff, the catalogue, the price book, promotions and
 * coupons, tax rules, procurement and carts: every port of the engine.
 *
 * <pre>{@code
 * PostgresDatabase db = PostgresDatabase.connect(PostgresConfig.from(System.getenv()));
 * db.migrate();
 * RetailEngine engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
 * }</pre>
 *
 * <p>Promotions are read once per store into the engine's index; a process that changes them must
 * call {@link RetailEngine#promotionsChanged()} in the others (the NATS adapter will broadcast it).
 */
public final class PostgresAdapters {

  private PostgresAdapters() {}

  /** {@code builder} with the Postgres adapters of {@code db}. */
  public static RetailEngine.Builder use(PostgresDatabase db, RetailEngine.Builder builder) {
    return builder
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
        .stores(new PostgresStores(db))
        .customers(new PostgresCustomers(db))
        .staff(new PostgresStaff(db))
        .catalog(new PostgresCatalog(db))
        .priceBook(new PostgresPriceBook(db))
        .promotions(new PostgresPromotions(db))
        .taxRules(new PostgresTaxRules(db))
        .procurement(new PostgresProcurement(db))
        .carts(new PostgresCartStore(db));
  }
}
