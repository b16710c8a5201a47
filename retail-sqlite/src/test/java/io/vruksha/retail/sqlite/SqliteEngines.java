package io.vruksha.retail.sqlite;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.Invoices;
import io.vruksha.retail.loyalty.LoyaltyLedger;
import io.vruksha.retail.memory.InMemoryInvoices;
import io.vruksha.retail.memory.InMemoryLoyaltyLedger;
import io.vruksha.retail.memory.InMemoryOutbox;
import io.vruksha.retail.memory.InMemoryShifts;
import io.vruksha.retail.register.Shifts;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * For tests: an engine builder on a SQLite store with every adapter of this module's sale family
 * (stock, sales, idempotency keys, store credit, carts, payments, gift cards) and the journal, its
 * counters and the coupon ledger. The transactional ports without a SQLite adapter here (outbox,
 * loyalty, invoices, shifts) are the in-memory ones, presented as joining the store's unit of work
 * so the builder accepts the mix; their writes are not undone with a failed unit of work, which
 * none of the tests using this looks at. Every other port is the builder's in-memory default.
 */
final class SqliteEngines {

  private SqliteEngines() {}

  static RetailEngine.Builder builder(SqliteDatabase db) {
    return use(db, RetailEngine.builder());
  }

  static RetailEngine.Builder use(SqliteDatabase db, RetailEngine.Builder builder) {
    UnitOfWork work = db.unitOfWork();
    return builder
        .unitOfWork(work)
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
        .outbox(joined(Outbox.class, new InMemoryOutbox(), work))
        .loyaltyLedger(joined(LoyaltyLedger.class, new InMemoryLoyaltyLedger(), work))
        .invoices(joined(Invoices.class, new InMemoryInvoices(), work))
        .shifts(joined(Shifts.class, new InMemoryShifts(), work));
  }

  /** {@code adapter} as a {@code port} that says it joins {@code work}. */
  static <T> T joined(Class<T> port, T adapter, UnitOfWork work) {
    Object proxy =
        Proxy.newProxyInstance(
            SqliteEngines.class.getClassLoader(),
            new Class<?>[] {port, JoinsUnitOfWork.class},
            (self, method, args) -> {
              if (method.getDeclaringClass() == JoinsUnitOfWork.class) {
                return work;
              }
              try {
                return method.invoke(adapter, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return port.cast(proxy);
  }
}
