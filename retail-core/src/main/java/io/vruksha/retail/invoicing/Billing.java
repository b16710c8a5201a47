package io.vruksha.retail.invoicing;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.customer.Customers;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Invoices for business customers, paid later: issue (priced by the same engine, stock booked,
 * numbered in the {@code B001} series and chained into the journal), then record payments in part
 * or in full. Thread-safe when its ports are.
 */
public final class Billing {

  /** The series of business invoices. */
  public static final String B2B_SERIES = "B001";

  private final Invoices invoices;
  private final Customers customers;
  private final BasketPricer pricer;
  private final Stock stock;
  private final FiscalJournal journal;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /** Billing over the given ports. */
  public Billing(
      Invoices invoices,
      Customers customers,
      BasketPricer pricer,
      Stock stock,
      FiscalJournal journal,
      Outbox outbox,
      UnitOfWork work,
      Clock clock) {
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The invoices port. */
  public Invoices invoices() {
    return invoices;
  }

  /**
   * Issues an invoice to a business customer, who must have a tax id, payable within {@code
   * paymentTerms}.
   */
  public Invoice issue(
      CustomerId customerId, BasketRequest basket, Duration paymentTerms, Actor by) {
    Customer customer =
        customers
            .find(customerId)
            .orElseThrow(
                () -> new NotFoundException(ErrorCode.NOT_FOUND, "no customer " + customerId));
    String taxId =
        customer
            .taxId()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        ErrorCode.VALIDATION,
                        "customer " + customerId + " has no tax id for a B2B invoice"));
    return work.runFor(
        basket.store(),
        () -> {
          PricedBasket priced = pricer.price(basket, by);
          Instant at = priced.at();
          String number = journal.nextNumber(priced.store(), B2B_SERIES, at);
          stock.bookSale(priced, number);
          StringBuilder body =
              new StringBuilder("customer|")
                  .append(customerId)
                  .append('|')
                  .append(taxId)
                  .append('\n');
          body.append(FiscalJournal.lines(priced));
          FiscalDocument doc =
              journal.append(
                  priced.store(),
                  DocumentKind.INVOICE,
                  number,
                  at,
                  priced.total(),
                  priced.tax(),
                  body.toString());
          Invoice invoice =
              new Invoice(
                  number,
                  priced.store(),
                  Optional.empty(),
                  Optional.of(customerId.value()),
                  Optional.of(taxId),
                  at,
                  at.plus(paymentTerms),
                  priced.total(),
                  priced.tax(),
                  priced.taxBreakdown(),
                  Invoice.Status.ISSUED,
                  List.of(),
                  Money.zero(priced.currency()));
          invoices.save(invoice);
          outbox.append(
              EventEnvelope.of(
                  new DomainEvent.InvoiceCreated(
                      priced.store(),
                      number,
                      DocumentKind.INVOICE.name(),
                      priced.total(),
                      doc.hash()),
                  at,
                  number));
          return invoice;
        });
  }

  /** Records a payment; more than is outstanding is refused. */
  public Invoice pay(StoreId store, String number, Money amount, String method, String reference) {
    if (!amount.isPositive()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a payment must be above zero");
    }
    return work.runFor(
        store,
        () -> {
          Invoice invoice =
              invoices
                  .find(store, number)
                  .orElseThrow(
                      () -> new NotFoundException(ErrorCode.NOT_FOUND, "no invoice " + number));
          if (amount.compareTo(invoice.outstanding()) > 0) {
            throw new RuleViolationException(
                ErrorCode.TENDER_INVALID,
                "invoice "
                    + number
                    + " has "
                    + invoice.outstanding()
                    + " outstanding, "
                    + amount
                    + " offered");
          }
          List<Invoice.Payment> payments = new ArrayList<>(invoice.payments());
          payments.add(new Invoice.Payment(amount, method, reference, clock.instant()));
          Invoice paid = invoice.withPayments(payments);
          invoices.save(paid);
          return paid;
        });
  }

  /**
   * Records a credit note against the invoice of a sale (called by returns); an invoice credited in
   * full becomes CREDITED.
   */
  public void credit(String saleId, Money amount) {
    invoices
        .forSale(saleId)
        .ifPresent(
            i -> {
              Money credited = i.credited().plus(amount);
              Invoice.Status status =
                  credited.compareTo(i.total()) >= 0 ? Invoice.Status.CREDITED : i.status();
              invoices.save(i.withCredit(credited, status));
            });
  }
}
