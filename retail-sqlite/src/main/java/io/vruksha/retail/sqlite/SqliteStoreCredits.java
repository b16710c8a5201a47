package io.vruksha.retail.sqlite;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.util.Currency;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link StoreCredits} on SQLite: one balance per customer and currency. The balance is read and
 * written in one unit of work of the store's one writer, so a spend never takes it below zero
 * however many threads of the till spend it at once. Thread-safe.
 */
public final class SqliteStoreCredits implements StoreCredits, JoinsUnitOfWork {

  private final SqliteUnitOfWork work;

  /** The store credits of {@code db}. */
  public SqliteStoreCredits(SqliteDatabase db) {
    this.work = db.unitOfWork();
  }

  private static Optional<Money> stored(Handle h, String customerId, Currency currency) {
    return h.createQuery(
            "SELECT balance FROM store_credits WHERE customer_id = :c AND currency = :cur")
        .bind("c", customerId)
        .bind("cur", currency.getCurrencyCode())
        .mapTo(String.class)
        .findOne()
        .map(b -> Money.of(SqliteValues.decimal(b), currency));
  }

  @Override
  public Money balance(String customerId, Currency currency) {
    return work.with(h -> stored(h, customerId, currency).orElse(Money.zero(currency)));
  }

  @Override
  public void change(String customerId, Money amount, String reference) {
    work.write(
        h -> {
          Money before =
              stored(h, customerId, amount.currency()).orElse(Money.zero(amount.currency()));
          Money after = before.plus(amount);
          if (after.isNegative()) {
            throw new RuleViolationException(
                ErrorCode.TENDER_INSUFFICIENT,
                "customer "
                    + customerId
                    + " has "
                    + before
                    + " store credit, "
                    + amount.negate()
                    + " asked");
          }
          return h.createUpdate(
                  "INSERT INTO store_credits VALUES (:c, :cur, :b)"
                      + " ON CONFLICT (customer_id, currency) DO UPDATE SET balance = :b")
              .bind("c", customerId)
              .bind("cur", amount.currency().getCurrencyCode())
              .bind("b", SqliteValues.decimal(after.amount()))
              .execute();
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
