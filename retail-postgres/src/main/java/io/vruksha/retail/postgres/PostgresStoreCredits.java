package io.vruksha.retail.postgres;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.work.JoinsUnitOfWork;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * {@link StoreCredits} on PostgreSQL: a spend is a conditional update that never takes a balance
 * below zero, however many tills spend it at once. Thread-safe.
 */
public final class PostgresStoreCredits implements StoreCredits, JoinsUnitOfWork {

  private final PostgresUnitOfWork work;

  /** The store credits of {@code db}. */
  public PostgresStoreCredits(PostgresDatabase db) {
    this.work = db.unitOfWork();
  }

  @Override
  public Money balance(String customerId, Currency currency) {
    return work.with(
        h ->
            h.createQuery(
                    "SELECT balance FROM store_credits WHERE customer_id = :c AND currency = :cur")
                .bind("c", customerId)
                .bind("cur", currency.getCurrencyCode())
                .mapTo(BigDecimal.class)
                .findOne()
                .map(b -> PostgresJournal.money(b, currency))
                .orElse(Money.zero(currency)));
  }

  @Override
  public void change(String customerId, Money amount, String reference) {
    work.with(
        h -> {
          h.createUpdate("INSERT INTO store_credits VALUES (:c, :cur, 0) ON CONFLICT DO NOTHING")
              .bind("c", customerId)
              .bind("cur", amount.currency().getCurrencyCode())
              .execute();
          int updated =
              h.createUpdate(
                      "UPDATE store_credits SET balance = balance + :a"
                          + " WHERE customer_id = :c AND currency = :cur AND balance + :a >= 0")
                  .bind("a", amount.amount())
                  .bind("c", customerId)
                  .bind("cur", amount.currency().getCurrencyCode())
                  .execute();
          if (updated == 0) {
            throw new RuleViolationException(
                ErrorCode.TENDER_INSUFFICIENT,
                "customer "
                    + customerId
                    + " has "
                    + balance(customerId, amount.currency())
                    + " store credit, "
                    + amount.negate()
                    + " asked");
          }
          return updated;
        });
  }

  @Override
  public UnitOfWork unitOfWork() {
    return work;
  }
}
