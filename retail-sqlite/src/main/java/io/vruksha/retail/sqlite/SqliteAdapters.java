package io.vruksha.retail.sqlite;

import io.vruksha.retail.engine.RetailEngine;
import java.nio.file.Path;

/**
 * Wires a till's SQLite store into an engine builder: every port of the engine on one file, so what
 * the till sold, returned, counted and numbered survives a crash or a power cut.
 *
 * <pre>{@code
 * SqliteDatabase db = SqliteDatabase.open(Path.of("till.db"));
 * RetailEngine engine = SqliteAdapters.use(db, RetailEngine.builder()).till("T01").build();
 * // ... sell ...
 * db.close();
 * }</pre>
 *
 * <p>The reactions run in process, as for an in-memory engine, draining the file's outbox after
 * each unit of work: the daily-sales report, reorder drafts and notifications work on a till with
 * no NATS, and events a crash left unhandled are handled when the engine is next built.
 */
public final class SqliteAdapters {

  private SqliteAdapters() {}

  /**
   * Opens (creating it if need be) the store in {@code file} and puts it in {@code builder}: the
   * one call a till needs. The database closes when the JVM exits; to close it earlier, open it
   * with {@link SqliteDatabase#open} and use {@link #use(SqliteDatabase, RetailEngine.Builder)}.
   */
  public static RetailEngine.Builder use(Path file, RetailEngine.Builder builder) {
    SqliteDatabase db = SqliteDatabase.open(file);
    Runtime.getRuntime().addShutdownHook(new Thread(db::close, "sqlite-close " + file));
    return use(db, builder);
  }

  /** {@code builder} with every port on {@code db}. */
  public static RetailEngine.Builder use(SqliteDatabase db, RetailEngine.Builder builder) {
    return builder
        .unitOfWork(db.unitOfWork())
        .stockLedger(new SqliteStockLedger(db))
        .journal(new SqliteJournal(db))
        .invoiceSequence(new SqliteInvoiceSequence(db))
        .outbox(new SqliteOutbox(db))
        .idempotency(new SqliteIdempotencyStore(db))
        .loyaltyLedger(new SqliteLoyaltyLedger(db))
        .storeCredits(new SqliteStoreCredits(db))
        .couponLedger(new SqliteCouponLedger(db))
        .sales(new SqliteSales(db))
        .invoices(new SqliteInvoices(db))
        .shifts(new SqliteShifts(db))
        .stores(new SqliteStores(db))
        .customers(new SqliteCustomers(db))
        .staff(new SqliteStaff(db))
        .catalog(new SqliteCatalog(db))
        .priceBook(new SqlitePriceBook(db))
        .promotions(new SqlitePromotions(db))
        .taxRules(new SqliteTaxRules(db))
        .procurement(new SqliteProcurement(db))
        .carts(new SqliteCartStore(db))
        .analytics(new SqliteSalesAnalytics(db))
        .handledEvents(new SqliteHandledEvents(db))
        .credentials(new SqliteCredentials(db))
        .orders(new SqliteOrders(db))
        .curbsideSlots(new SqliteCurbsideSlots(db))
        .warrantyBook(new SqliteWarrantyBook(db))
        .giftCardBook(new SqliteGiftCardBook(db))
        .notificationOutbox(new SqliteNotificationOutbox(db))
        .payments(new SqlitePayments(db));
  }
}
