package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkout with a payment that is not instant: a card terminal that may decline or time out, a
 * buy-now-pay-later approval that comes a minute later, a crypto payment that needs confirmations.
 *
 * <p><b>The rule.</b> Never charged twice, never a sale without its money. {@link #begin} prices
 * the basket, reserves its stock (the reservations orders use: the goods are promised, not sold)
 * and records a {@link PendingCheckout} with one {@link Payment} per provider tender, in one unit
 * of work, before any provider is asked; then it asks each provider to authorise, with the
 * payment's id as idempotency key. The sale gets its receipt number, its journal entry and its
 * stock movements only when every provider payment is approved and captured ({@code complete}); a
 * decline, an expiry or the cashier's cancel releases the stock and voids (or refunds) whatever was
 * approved. Numbers stay gapless because none is drawn before completion.
 *
 * <p><b>News from providers</b> (the answer to a call, a {@linkplain #callback verified callback},
 * a {@linkplain #poll poll}) is applied under the checkout's lock by one state machine ({@link
 * PaymentState#mayBecome}): a duplicate changes nothing, an out-of-order message that would move a
 * payment back is ignored, and an approval that arrives after the checkout was released (declined
 * elsewhere, expired, cancelled) is voided or refunded with the provider at once, with an event.
 *
 * <p><b>Crashes.</b> Provider calls made inside a unit of work (capture, void, refund) are
 * idempotent by key, so a rolled-back unit of work repeats them harmlessly. A process that dies
 * between a provider's approval and our commit leaves the checkout PAYMENT_PENDING in the database;
 * {@link #recheck} (run on start, then periodically) asks the providers again and completes or
 * releases it.
 *
 * <p>Only cash and card references (a terminal outside the engine) may be mixed with provider
 * tenders: points and store credit are spent when the sale completes and could be gone by then.
 * Thread-safe when its ports and providers are.
 */
public final class PaymentCheckout {

  /** How a pending checkout's reservations start: {@code payment:<store>:<checkout>:<sku>}. */
  public static final String RESERVATION_PREFIX = "payment:";

  /** How long a checkout waits for its providers unless the engine was built with another hold. */
  public static final Duration DEFAULT_HOLD = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(PaymentCheckout.class);

  private final Payments payments;
  private final PaymentProviders providers;
  private final BasketPricer pricer;
  private final PaymentReservations reservations;
  private final PaymentEvents events;
  private final PaymentSettlement settlement;
  private final ProviderRefunds refunds;
  private final UnitOfWork work;
  private final Clock clock;
  private final Duration hold;
  private final BiPredicate<StoreId, String> openShift;

  /**
   * Pending checkouts over the engine's ports; {@code hold} is how long one waits for payment, and
   * {@code openShift} tells whether a shift id names an open shift of the store (as for {@link
   * Checkout}).
   */
  public PaymentCheckout(
      Payments payments,
      PaymentProviders providers,
      Checkout checkout,
      BasketPricer pricer,
      Stock stock,
      StoreCredits storeCredits,
      Outbox outbox,
      UnitOfWork work,
      Clock clock,
      Duration hold,
      BiPredicate<StoreId, String> openShift) {
    this.openShift = Objects.requireNonNull(openShift, "openShift");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.providers = Objects.requireNonNull(providers, "providers");
    Objects.requireNonNull(checkout, "checkout");
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    Objects.requireNonNull(stock, "stock");
    Objects.requireNonNull(storeCredits, "storeCredits");
    Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hold = Objects.requireNonNull(hold, "hold");
    if (hold.isNegative() || hold.isZero()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a payment hold must be above zero, was " + hold);
    }
    this.reservations = new PaymentReservations(stock);
    this.events = new PaymentEvents(outbox, clock);
    this.settlement =
        new PaymentSettlement(
            payments, providers, checkout, reservations, storeCredits, events, work, clock);
    this.refunds = new ProviderRefunds(payments, providers, storeCredits, events, clock);
  }

  /** The stored pending checkouts and payments. */
  public Payments payments() {
    return payments;
  }

  /** The store's payments through providers, oldest first. */
  public List<Payment> list(StoreId store) {
    return work.runFor(store, () -> payments.list(store));
  }

  /** The payments of one pending checkout. */
  public List<Payment> paymentsOf(StoreId store, String checkoutId) {
    return work.runFor(store, () -> payments.ofCheckout(store, checkoutId));
  }

  /** The providers, per tender kind and store. */
  public PaymentProviders providers() {
    return providers;
  }

  /**
   * Begins a checkout paid (in part) through providers: the request's {@link Tender.Provider}
   * tenders are authorised, its cash and card references are booked when the sale completes. When
   * every provider answers at once (a card terminal approving), the returned checkout is already
   * COMPLETED with its sale; otherwise it is PAYMENT_PENDING with each payment's {@link
   * Payment#action()} for the customer. Idempotent by the request's key: a retry returns the
   * checkout as it now stands.
   *
   * @throws RetailException naming what is wrong (no provider for a kind, tenders short of the
   *     total, stock not available); nothing is written
   */
  public PendingCheckout begin(CheckoutRequest request, Actor cashier) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(cashier, "cashier");
    StoreId store = request.basket().store();
    List<Tender.Provider> asked = ProviderTenders.asked(request);
    List<PaymentProvider> by = new ArrayList<>();
    for (Tender.Provider p : asked) {
      by.add(providers.serving(store, p.kind()));
    }
    String requestHash = request.fingerprint();
    boolean[] replay = {false};
    PendingCheckout begun =
        work.runFor(
            store,
            () -> {
              Optional<PendingCheckout> seen =
                  payments.checkoutByKey(store, request.idempotencyKey());
              if (seen.isPresent()) {
                if (!seen.get().requestHash().equals(requestHash)) {
                  throw new RuleViolationException(
                      ErrorCode.IDEMPOTENCY_MISMATCH,
                      "idempotency key '"
                          + request.idempotencyKey()
                          + "' was already used for a different checkout");
                }
                replay[0] = true;
                return seen.get();
              }
              // the shift is checked now (a shift of another store is not found) and again
              // when the sale completes
              request
                  .shiftId()
                  .ifPresent(
                      id -> {
                        if (!openShift.test(store, id)) {
                          throw new RuleViolationException(
                              ErrorCode.SHIFT_STATE,
                              "shift "
                                  + id
                                  + " is not an open shift of store "
                                  + store
                                  + ": open the register first");
                        }
                      });
              Instant now = clock.instant();
              BasketRequest b = request.basket();
              PricedBasket basket =
                  pricer.price(
                      new BasketRequest(
                          store,
                          Optional.of(b.at().orElse(now)),
                          b.shopper(),
                          b.lines(),
                          b.couponCodes(),
                          b.basketDiscount()),
                      cashier);
              ProviderTenders.requireCovered(request.tenders(), basket);
              String id = UUID.randomUUID().toString();
              Instant expires = now.plus(hold);
              reservations.reserve(store, id, basket, expires);
              PendingCheckout pc =
                  new PendingCheckout(
                      id,
                      store,
                      ProviderTenders.withoutInstruments(request),
                      requestHash,
                      cashier,
                      PendingCheckout.Status.PAYMENT_PENDING,
                      basket.total(),
                      PaymentReservations.skus(basket),
                      now,
                      expires,
                      now,
                      Optional.empty(),
                      Optional.empty(),
                      "");
              payments.saveCheckout(pc);
              for (int i = 0; i < asked.size(); i++) {
                Payment p =
                    new Payment(
                        paymentId(id, i),
                        store,
                        id,
                        asked.get(i).kind(),
                        by.get(i).name(),
                        asked.get(i).amount(),
                        Money.zero(asked.get(i).amount().currency()),
                        PaymentState.PENDING,
                        "",
                        "",
                        now,
                        now,
                        Optional.empty());
                payments.save(p);
                events.publish(p, pc, "");
              }
              return pc;
            });
    if (replay[0]) {
      return begun;
    }
    // asked outside any unit of work, after the payments were committed as PENDING: a crash from
    // here on leaves them for recheck(), which asks again under the same keys
    Map<String, ProviderStatus> answers = new LinkedHashMap<>();
    for (int i = 0; i < asked.size(); i++) {
      String key = paymentId(begun.id(), i);
      try {
        answers.put(
            key,
            by.get(i)
                .authorize(
                    new PaymentProvider.AuthorizeRequest(
                        key,
                        store,
                        asked.get(i).amount(),
                        asked.get(i).instrument(),
                        store + " sale " + begun.id())));
      } catch (RuntimeException e) {
        LOG.warn(
            "provider {} did not answer the authorisation of payment {}: {}; it stays pending",
            by.get(i).name(),
            key,
            e.toString());
      }
    }
    return settlement.settle(store, begun.id(), answers);
  }

  /**
   * Applies a provider's callback (webhook): its signature over the exact body is verified by the
   * provider before anything is read, then the payment it names moves as {@link PaymentState}
   * allows and its checkout completes or is released.
   *
   * @throws io.vruksha.retail.PermissionDeniedException when the signature is missing, wrong or old
   *     (nothing changes)
   * @throws NotFoundException when no such provider serves the store, or the payment is unknown
   */
  public PendingCheckout callback(
      StoreId store, String providerName, String body, String signature) {
    PaymentProvider provider =
        providers
            .named(store, providerName)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.NOT_FOUND,
                        "no payment provider '" + providerName + "' at store " + store));
    ProviderStatus news =
        provider.verifyCallback(body == null ? "" : body, signature, clock.instant());
    Payment payment =
        work.runFor(store, () -> payments.find(store, news.key()))
            .filter(p -> p.provider().equals(provider.name()))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.NOT_FOUND,
                        "no payment "
                            + news.key()
                            + " of provider "
                            + providerName
                            + " at store "
                            + store));
    return settlement.settle(store, payment.checkoutId(), Map.of(payment.id(), news));
  }

  /**
   * Asks the providers how the checkout's unsettled payments stand and applies the answers: the
   * poll for providers (or tills) without callbacks. A checkout past its expiry is released.
   */
  public PendingCheckout poll(StoreId store, String checkoutId) {
    find(store, checkoutId);
    Map<String, ProviderStatus> answers = new LinkedHashMap<>();
    // read in a unit of work of the store, so a caller of no store's scope (a background job)
    // sees its rows under row-level security
    for (Payment p : work.runFor(store, () -> payments.ofCheckout(store, checkoutId))) {
      if (p.state().settled()) {
        continue;
      }
      try {
        answers.put(p.id(), providers.thatTook(p).status(p.id(), p.reference()));
      } catch (RuntimeException e) {
        LOG.warn(
            "provider {} did not say how payment {} stands: {}",
            p.provider(),
            p.id(),
            e.toString());
      }
    }
    return settlement.settle(store, checkoutId, answers);
  }

  /**
   * Re-checks every checkout of the store still waiting for payment with its providers: run on
   * start, so a payment approved while the process was down (or between the provider's approval and
   * our commit) completes its sale, and periodically, so expired ones are released. Returns the
   * checkouts as they now stand.
   */
  public List<PendingCheckout> recheck(StoreId store) {
    List<PendingCheckout> now = new ArrayList<>();
    for (PendingCheckout pc : work.runFor(store, () -> payments.openCheckouts(store))) {
      try {
        now.add(poll(store, pc.id()));
      } catch (RuntimeException e) {
        LOG.warn(
            "pending checkout {} of {} could not be re-checked: {}", pc.id(), store, e.toString());
      }
    }
    return now;
  }

  /**
   * Cancels a checkout still waiting for payment (the customer walked away): every payment voided
   * (or refunded, if already taken) with its provider, the stock released. Cancelling a cancelled
   * checkout returns it unchanged.
   *
   * @throws RuleViolationException (PAYMENT_STATE) when it already completed or was released
   */
  public PendingCheckout cancel(StoreId store, String checkoutId, Actor cashier) {
    Objects.requireNonNull(cashier, "cashier");
    return settlement.cancel(store, checkoutId, cashier);
  }

  /** The store's pending checkout with this id. */
  public PendingCheckout find(StoreId store, String checkoutId) {
    return work.runFor(store, () -> payments.findCheckout(store, checkoutId))
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no pending checkout " + checkoutId + " in " + store));
  }

  /**
   * Pays back {@code amount} of a returned sale through the providers that took its money, inside
   * the return's unit of work: the largest payment first, up to what each took and has not paid
   * back; what a provider cannot refund (an on-chain payment) goes to the customer's store credit.
   * Returns the tender kind the (largest part of the) money went back to ({@code BNPL}, {@code
   * CARD}, {@code STORE_CREDIT}), or empty when no provider took money for the sale (the return
   * pays back as it always did) or what they took cannot cover the refund.
   *
   * @param key the return's id: the provider's idempotency key, so a repeated return refunds once
   */
  public Optional<String> refundForReturn(Sale sale, Money amount, String key) {
    return refunds.refund(sale, amount, key);
  }

  private static String paymentId(String checkoutId, int index) {
    return checkoutId + "-" + (index + 1);
  }
}
