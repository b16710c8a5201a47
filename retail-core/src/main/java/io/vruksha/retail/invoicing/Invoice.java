package io.vruksha.retail.invoicing;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An invoice: for a till sale (paid on the spot) or for a business customer (paid later, in part or
 * in full), with the customer's tax id and the tax breakdown.
 *
 * @param number its number, also its journal entry's
 * @param store the issuing store
 * @param saleId the sale it invoices, if it came from the till
 * @param customerId the customer
 * @param customerTaxId the business customer's tax id
 * @param issuedAt when
 * @param dueAt when payment is due
 * @param total the total, tax included
 * @param tax the tax
 * @param taxBreakdown tax per rate
 * @param status issued, partially paid, paid or credited
 * @param payments payments received
 * @param credited credit notes issued against it
 */
public record Invoice(
    String number,
    StoreId store,
    Optional<String> saleId,
    Optional<String> customerId,
    Optional<String> customerTaxId,
    Instant issuedAt,
    Instant dueAt,
    Money total,
    Money tax,
    List<TaxBreakdownEntry> taxBreakdown,
    Status status,
    List<Payment> payments,
    Money credited) {

  /** Where an invoice is in its life. */
  public enum Status {
    /** Issued, nothing paid. */
    ISSUED,
    /** Paid in part. */
    PARTIALLY_PAID,
    /** Paid in full. */
    PAID,
    /** Credited in full by credit notes. */
    CREDITED
  }

  /**
   * A payment against an invoice.
   *
   * @param amount the amount
   * @param method how (bank transfer, card, cash)
   * @param reference the payment's reference
   * @param at when it arrived
   */
  public record Payment(Money amount, String method, String reference, Instant at) {
    /** Keeps the payment time to the microsecond, as every adapter stores it. */
    public Payment {
      at = Instants.microsOrNull(at);
    }
  }

  /** Copies the lists. */
  public Invoice {
    taxBreakdown = List.copyOf(taxBreakdown);
    payments = List.copyOf(payments);
    issuedAt = Instants.microsOrNull(issuedAt);
    dueAt = Instants.microsOrNull(dueAt);
  }

  /** What has been paid. */
  public Money paid() {
    return payments.stream().map(Payment::amount).reduce(Money.zero(total.currency()), Money::plus);
  }

  /** What is still to pay: total − credited − paid. */
  public Money outstanding() {
    return total.minus(credited).minus(paid());
  }

  /** This invoice with {@code newPayments}, partially paid or paid accordingly. */
  public Invoice withPayments(List<Payment> newPayments) {
    Money paid =
        newPayments.stream().map(Payment::amount).reduce(Money.zero(total.currency()), Money::plus);
    Status next = total.minus(credited).minus(paid).isZero() ? Status.PAID : Status.PARTIALLY_PAID;
    return new Invoice(
        number,
        store,
        saleId,
        customerId,
        customerTaxId,
        issuedAt,
        dueAt,
        total,
        tax,
        taxBreakdown,
        next,
        newPayments,
        credited);
  }

  /** This invoice with {@code newCredited} credited and status {@code next}. */
  public Invoice withCredit(Money newCredited, Status next) {
    return new Invoice(
        number,
        store,
        saleId,
        customerId,
        customerTaxId,
        issuedAt,
        dueAt,
        total,
        tax,
        taxBreakdown,
        next,
        payments,
        newCredited);
  }
}
