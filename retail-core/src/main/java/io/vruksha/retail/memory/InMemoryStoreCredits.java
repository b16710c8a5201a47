package io.vruksha.retail.memory;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.StoreCredits;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

/** {@link StoreCredits} in memory. Thread-safe (one monitor); changes undo on rollback. */
public final class InMemoryStoreCredits implements StoreCredits {

  private final Map<String, Money> balances = new HashMap<>();

  @Override
  public synchronized Money balance(String customerId, Currency currency) {
    return balances.getOrDefault(customerId + "|" + currency, Money.zero(currency));
  }

  @Override
  public synchronized void change(String customerId, Money amount, String reference) {
    String key = customerId + "|" + amount.currency();
    Money before = balance(customerId, amount.currency());
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
    balances.put(key, after);
    InMemoryUnitOfWork.onRollback(
        () -> {
          synchronized (this) {
            balances.put(key, before);
          }
        });
  }
}
