package io.vruksha.retail.sqlite;

import io.vruksha.retail.engine.RetailEngine;

/**
 * For tests: an engine builder with every port on one SQLite store: what a checkout, a return or a
 * shift writes in one unit of work (stock, sales, idempotency keys, store credit, payments, gift
 * cards, the journal and its counters, coupons, the outbox, loyalty, invoices, shifts), the back
 * office, the reference data and the reactions' stores.
 */
final class SqliteEngines {

  private SqliteEngines() {}

  static RetailEngine.Builder builder(SqliteDatabase db) {
    return use(db, RetailEngine.builder());
  }

  static RetailEngine.Builder use(SqliteDatabase db, RetailEngine.Builder builder) {
    return builder
        .unitOfWork(db.unitOfWork())
        .stockLedger(new SqliteStockLedger(db))
        .journal(new SqliteJournal(db))
        .invoiceSequence(new SqliteInvoiceSequence(db))
        .couponLedger(new SqliteCouponLedger(db))
        .idempotency(new SqliteIdempotencyStore(db))
        .storeCredits(new SqliteStoreCredits(db))
        .sales(new SqliteSales(db))
        .carts(new SqliteCartStore(db))
        .payments(new SqlitePayments(db))
        .giftCardBook(new SqliteGiftCardBook(db))
        .outbox(new SqliteOutbox(db))
        .loyaltyLedger(new SqliteLoyaltyLedger(db))
        .invoices(new SqliteInvoices(db))
        .shifts(new SqliteShifts(db))
        .stores(new SqliteStores(db))
        .staff(new SqliteStaff(db))
        .procurement(new SqliteProcurement(db))
        .credentials(new SqliteCredentials(db))
        .orders(new SqliteOrders(db))
        .curbsideSlots(new SqliteCurbsideSlots(db))
        .warrantyBook(new SqliteWarrantyBook(db))
        .catalog(new SqliteCatalog(db))
        .priceBook(new SqlitePriceBook(db))
        .promotions(new SqlitePromotions(db))
        .taxRules(new SqliteTaxRules(db))
        .customers(new SqliteCustomers(db))
        .analytics(new SqliteSalesAnalytics(db))
        .handledEvents(new SqliteHandledEvents(db))
        .notificationOutbox(new SqliteNotificationOutbox(db));
  }
}
