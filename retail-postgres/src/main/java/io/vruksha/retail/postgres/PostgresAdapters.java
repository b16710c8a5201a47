package io.vruksha.retail.postgres;

import io.vruksha.retail.engine.RetailEngine;

/**
 * Wires the PostgreSQL adapters into an engine builder: the unit of work, stock, the journal and
 * its counters, the outbox, idempotency keys, loyalty, store credit, coupon redemptions, sales,
 * invoices, shifts, stores, customers, staff, the catalogue and the price book.
 *
 * <pre>{@code
 * PostgresDatabase db = PostgresDatabase.connect(PostgresConfig.from(System.getenv()));
 * db.migrate();
 * RetailEngine engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
 * }</pre>
 *
 * <p>Promotions, tax rules, procurement and carts still use the builder's other adapters (in memory
 * by default): every process must define them the same way until they get Postgres adapters.
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
        .priceBook(new PostgresPriceBook(db));
  }
}
