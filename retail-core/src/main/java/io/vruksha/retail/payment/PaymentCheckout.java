package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.BasketPricer;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.sale.TenderKind;
import io.vruksha.retail.stock.Stock;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
  private final Checkout checkout;
  private final BasketPricer pricer;
  private final Stock stock;
  private final StoreCredits storeCredits;
  private final Outbox outbox;
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
    this.checkout = Objects.requireNonNull(checkout, "checkout");
    this.pricer = Objects.requireNonNull(pricer, "pricer");
    this.stock = Objects.requireNonNull(stock, "stock");
    this.storeCredits = Objects.requireNonNull(storeCredits, "storeCredits");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hold = Objects.requireNonNull(hold, "hold");
    if (hold.isNegative() || hold.isZero()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a payment hold must be above zero, was " + hold);
    }
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
    List<Tender.Provider> asked = new ArrayList<>();
    for (Tender t : request.tenders()) {
      if (t instanceof Tender.Provider p) {
        asked.add(p);
      } else if (t instanceof Tender.GiftCard) {
        // the card would be redeemed only when the provider approves, minutes later: its balance
        // is not held meanwhile, so another till could spend it first and the approved sale fail
        throw new InvalidInputException(
            ErrorCode.TENDER_INVALID,
            "a gift card cannot pay part of a sale that waits for a payment provider (its balance"
                + " is not held while the provider decides): take the gift card in a sale of its"
                + " own at the till, or pay the rest in cash or by card");
      } else if (!(t instanceof Tender.Cash) && !(t instanceof Tender.Card)) {
        throw new InvalidInputException(
            ErrorCode.TENDER_INVALID,
            "only cash and card references can be mixed with a payment through a provider");
      }
    }
    if (asked.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a pending checkout needs a tender paid through a provider (CARD, BNPL or CRYPTO);"
              + " a sale paid at once is a plain checkout");
    }
    List<PaymentProvider> by = new ArrayList<>();
    for (Tender.Provider p : asked) {
      by.add(provider(store, p.kind()));
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
              requireCovered(request.tenders(), basket);
              String id = UUID.randomUUID().toString();
              Instant expires = now.plus(hold);
              reserve(store, id, basket, expires);
              PendingCheckout pc =
                  new PendingCheckout(
                      id,
                      store,
                      withoutInstruments(request),
                      requestHash,
                      cashier,
                      PendingCheckout.Status.PAYMENT_PENDING,
                      basket.total(),
                      List.copyOf(quantities(basket).keySet()),
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
                publish(p, pc, "");
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
    return settle(store, begun.id(), answers);
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
    return settle(store, payment.checkoutId(), Map.of(payment.id(), news));
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
        answers.put(p.id(), provider(p).status(p.id(), p.reference()));
      } catch (RuntimeException e) {
        LOG.warn(
            "provider {} did not say how payment {} stands: {}",
            p.provider(),
            p.id(),
            e.toString());
      }
    }
    return settle(store, checkoutId, answers);
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
    return work.runFor(
        store,
        () -> {
          PendingCheckout pc = locked(store, checkoutId);
          if (pc.status() == PendingCheckout.Status.CANCELLED) {
            return pc;
          }
          if (!pc.status().open()) {
            throw new RuleViolationException(
                ErrorCode.PAYMENT_STATE,
                "checkout "
                    + checkoutId
                    + " is "
                    + pc.status()
                    + " and can no longer be cancelled"
                    + (pc.status() == PendingCheckout.Status.COMPLETED
                        ? ": take a return against " + pc.receiptNumber().orElse("its receipt")
                        : ""));
          }
          List<Change> changes = new ArrayList<>();
          return release(
              pc,
              new ArrayList<>(payments.ofCheckout(store, checkoutId)),
              changes,
              PendingCheckout.Status.CANCELLED,
              "cancelled by " + cashier.staffId(),
              clock.instant());
        });
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
    if (!amount.isPositive()) {
      return Optional.empty();
    }
    List<Payment> paid =
        payments.ofSale(sale.store(), sale.id()).stream()
            .filter(p -> p.refundable().isPositive())
            .sorted(Comparator.comparing(Payment::refundable).reversed())
            .toList();
    Money available =
        paid.stream().map(Payment::refundable).reduce(Money.zero(amount.currency()), Money::plus);
    if (paid.isEmpty() || available.compareTo(amount) < 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Money left = amount;
    List<String> to = new ArrayList<>();
    for (Payment p : paid) {
      if (!left.isPositive()) {
        break;
      }
      Money take = p.refundable().compareTo(left) < 0 ? p.refundable() : left;
      left = left.minus(take);
      PaymentProvider provider = provider(p);
      Payment after;
      String reason;
      if (provider.refunds()) {
        ProviderStatus r = provider.refund(p.reference(), take, key + ":" + p.id());
        after =
            p.withRefund(
                take,
                r.state() == PaymentState.REFUNDED || p.refundable().equals(take)
                    ? PaymentState.REFUNDED
                    : PaymentState.CAPTURED,
                now);
        reason = "return " + key;
        to.add(p.kind().name());
      } else {
        String customer =
            sale.customerId()
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            ErrorCode.RETURN_INVALID,
                            p.provider()
                                + " cannot pay "
                                + p.kind()
                                + " back, and store credit needs a known customer"));
        storeCredits.change(customer, take, key);
        after =
            p.withRefund(
                take,
                p.refundable().equals(take) ? PaymentState.REFUNDED : PaymentState.CAPTURED,
                now);
        reason = "return " + key + ": " + p.provider() + " cannot refund, paid as store credit";
        to.add(TenderKind.STORE_CREDIT.name());
      }
      payments.save(after);
      outbox.append(
          EventEnvelope.of(
              event(after, PendingCheckout.Status.COMPLETED, sale.number(), reason), now, key));
    }
    // the tender most of the money went to (the largest payment comes first)
    return Optional.of(to.get(0));
  }

  // ---------------------------------------------------------------- the state machine

  /** A payment that changed in one unit of work, and why (published at its end). */
  private record Change(Payment payment, String reason) {}

  /**
   * Applies the providers' news to a checkout's payments under its lock, then completes or releases
   * it when it can. A completion that fails (the basket cannot be sold any more) is rolled back and
   * the checkout released in a second unit of work, its money paid back.
   */
  private PendingCheckout settle(
      StoreId store, String checkoutId, Map<String, ProviderStatus> news) {
    try {
      return work.runFor(store, () -> settleLocked(store, checkoutId, news));
    } catch (CompletionFailed failed) {
      LOG.warn(
          "pending checkout {} of {} could not complete: {}",
          checkoutId,
          store,
          failed.getMessage());
      return work.runFor(
          store,
          () -> {
            PendingCheckout pc = locked(store, checkoutId);
            if (!pc.status().open()) {
              return pc;
            }
            List<Change> changes = new ArrayList<>();
            List<Payment> list = apply(pc, payments.ofCheckout(store, checkoutId), news, changes);
            return release(
                pc,
                list,
                changes,
                PendingCheckout.Status.RELEASED,
                "the sale could not be completed: " + failed.getMessage(),
                clock.instant());
          });
    }
  }

  private PendingCheckout settleLocked(
      StoreId store, String checkoutId, Map<String, ProviderStatus> news) {
    PendingCheckout pc = locked(store, checkoutId);
    Instant now = clock.instant();
    List<Change> changes = new ArrayList<>();
    List<Payment> list = apply(pc, payments.ofCheckout(store, checkoutId), news, changes);
    if (!pc.status().open()) {
      publishAll(changes, pc);
      return pc;
    }
    Optional<Payment> failed = list.stream().filter(p -> p.state().failed()).findFirst();
    if (failed.isPresent()) {
      Payment f = failed.get();
      return release(
          pc,
          list,
          changes,
          PendingCheckout.Status.RELEASED,
          f.kind() + " payment " + f.id() + " was " + f.state().name().toLowerCase(),
          now);
    }
    if (!now.isBefore(pc.expiresAt())) {
      return release(
          pc,
          list,
          changes,
          PendingCheckout.Status.EXPIRED,
          "not paid within " + Duration.between(pc.beganAt(), pc.expiresAt()).toMinutes() + " min",
          now);
    }
    if (list.stream().allMatch(p -> p.state().approved())) {
      return complete(pc, list, changes, now);
    }
    publishAll(changes, pc);
    return pc;
  }

  /** The payments after the news; each change is saved and noted. */
  private List<Payment> apply(
      PendingCheckout pc,
      List<Payment> stored,
      Map<String, ProviderStatus> news,
      List<Change> changes) {
    List<Payment> list = new ArrayList<>(stored);
    Instant now = clock.instant();
    for (int i = 0; i < list.size(); i++) {
      Payment p = list.get(i);
      ProviderStatus s = news.get(p.id());
      if (s == null) {
        continue;
      }
      PaymentState next = s.state();
      if (next == p.state()) {
        // a duplicate; keep a reference or an action the provider gave only now
        if (!s.reference().isEmpty() && !s.reference().equals(p.reference())
            || !s.action().isEmpty() && !s.action().equals(p.action())) {
          Payment q = p.with(s, now);
          payments.save(q);
          list.set(i, q);
        }
        continue;
      }
      // late: we gave up on this payment (declined, expired, voided), or its checkout was
      // released while it was still pending; never a payment of a completed sale
      boolean late =
          p.state().failed()
              || p.state() == PaymentState.PENDING
                  && !pc.status().open()
                  && pc.status() != PendingCheckout.Status.COMPLETED;
      if (late && next.approved()) {
        // approved after we gave up on it: the money must go back at once
        list.set(
            i,
            compensate(
                pc,
                p.with(s, now),
                "approved after the "
                    + (pc.status().open() ? "payment was " + p.state() : "sale was " + pc.status()),
                changes,
                now));
      } else if (p.state().mayBecome(next)) {
        Payment q = p.with(s, now);
        payments.save(q);
        changes.add(new Change(q, s.message()));
        list.set(i, q);
      }
      // anything else is stale: a payment never moves back
    }
    return list;
  }

  /**
   * Gives back the money of an approved payment whose sale will not happen: void what is only
   * authorised, refund what was captured; a provider that cannot refund pays back as store credit
   * (a known customer) or is left CAPTURED for a refund by hand, with an event saying so.
   */
  private Payment compensate(
      PendingCheckout pc, Payment p, String reason, List<Change> changes, Instant now) {
    PaymentProvider provider = provider(p);
    ProviderStatus r =
        p.state() == PaymentState.AUTHORIZED
            ? provider.voidPayment(p.reference(), p.id() + ":void")
            : ProviderStatus.of(p.id(), p.reference(), p.state());
    Payment q;
    String why = reason;
    if (r.state() == PaymentState.CAPTURED) {
      Money back = p.amount().minus(p.refunded());
      if (provider.refunds()) {
        ProviderStatus refunded = provider.refund(p.reference(), back, p.id() + ":refund");
        q = p.withRefund(back, PaymentState.REFUNDED, now);
        why += "; refunded (" + refunded.state() + ")";
      } else if (pc.request().basket().shopper().customerId().isPresent()) {
        storeCredits.change(pc.request().basket().shopper().customerId().get(), back, p.id());
        q = p.withRefund(back, PaymentState.REFUNDED, now);
        why += "; " + p.provider() + " cannot refund: paid back as store credit";
      } else {
        q = p.withState(PaymentState.CAPTURED, now);
        why += "; " + p.provider() + " cannot refund and the customer is unknown: refund by hand";
      }
    } else {
      q = p.with(r, now).withState(PaymentState.VOIDED, now);
      why += "; voided";
    }
    payments.save(q);
    changes.add(new Change(q, why));
    return q;
  }

  /** Captures what is authorised, releases the reservations and checks the sale out. */
  private PendingCheckout complete(
      PendingCheckout pc, List<Payment> list, List<Change> changes, Instant now) {
    List<Payment> captured = new ArrayList<>();
    for (Payment p : list) {
      Payment q = p;
      if (p.state() == PaymentState.AUTHORIZED) {
        ProviderStatus r = provider(p).capture(p.reference(), p.amount(), p.id() + ":capture");
        q = p.with(r, now);
        if (q.state() != PaymentState.CAPTURED) {
          payments.save(q);
          changes.add(new Change(q, "capture refused: " + r.message()));
          List<Payment> after = new ArrayList<>(list);
          after.set(list.indexOf(p), q);
          return release(
              pc,
              after,
              changes,
              PendingCheckout.Status.RELEASED,
              "capture of " + p.id() + " was refused",
              now);
        }
      }
      captured.add(q);
    }
    releaseStock(pc);
    List<Tender> tenders = new ArrayList<>();
    for (Tender t : pc.request().tenders()) {
      if (!(t instanceof Tender.Provider)) {
        tenders.add(t);
      }
    }
    for (Payment p : captured) {
      tenders.add(
          new Tender.Captured(
              p.kind(), p.amount(), p.reference().isEmpty() ? p.id() : p.reference()));
    }
    Sale sale;
    try {
      sale =
          checkout.checkout(
              new CheckoutRequest(
                  "payment:" + pc.id(), pc.request().basket(), tenders, pc.request().shiftId()),
              pc.cashier(),
              Optional.of(pc.beganAt()));
    } catch (RetailException e) {
      throw new CompletionFailed(e);
    }
    PendingCheckout done = pc.completed(sale.id(), sale.number(), now);
    payments.saveCheckout(done);
    for (int i = 0; i < captured.size(); i++) {
      Payment q = captured.get(i).paying(sale.id(), now);
      payments.save(q);
      // an event for each payment this unit of work moved (captured now, or approved just now)
      Optional<Change> noted =
          changes.stream().filter(c -> c.payment().id().equals(q.id())).findFirst();
      changes.removeIf(c -> c.payment().id().equals(q.id()));
      if (noted.isPresent() || list.get(i).state() != q.state()) {
        changes.add(new Change(q, noted.map(Change::reason).orElse("")));
      }
    }
    publishAll(changes, done);
    return done;
  }

  /** Releases an open checkout: approved money back, pending payments voided, stock released. */
  private PendingCheckout release(
      PendingCheckout pc,
      List<Payment> list,
      List<Change> changes,
      PendingCheckout.Status status,
      String reason,
      Instant now) {
    PendingCheckout closed = pc.closed(status, reason, now);
    for (Payment p : list) {
      if (p.state().approved()) {
        compensate(closed, p, reason, changes, now);
      } else if (p.state() == PaymentState.PENDING) {
        ProviderStatus r;
        try {
          // its own key: a void of an approval that comes later must not replay this answer
          r = provider(p).voidPayment(p.reference(), p.id() + ":cancel");
        } catch (RuntimeException e) {
          // unreachable now: a later approval is voided when it arrives
          r = ProviderStatus.of(p.id(), p.reference(), PaymentState.VOIDED);
        }
        if (r.state().approved()) {
          compensate(
              closed, p.with(r, now), reason + "; approved as it was cancelled", changes, now);
        } else {
          PaymentState as =
              status == PendingCheckout.Status.EXPIRED ? PaymentState.EXPIRED : PaymentState.VOIDED;
          Payment q = p.with(r, now).withState(as, now);
          payments.save(q);
          changes.add(new Change(q, reason));
        }
      }
    }
    releaseStock(pc);
    payments.saveCheckout(closed);
    if (changes.isEmpty()) {
      // every payment had already failed and been published: the release still gets its event
      list.stream().findFirst().ifPresent(p -> changes.add(new Change(p, reason)));
    } else {
      changes.replaceAll(c -> c.reason().isEmpty() ? new Change(c.payment(), reason) : c);
    }
    publishAll(changes, closed);
    return closed;
  }

  // ---------------------------------------------------------------- helpers

  /** A completion the checkout refused; the settle step releases the checkout instead. */
  private static final class CompletionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompletionFailed(RetailException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private PendingCheckout locked(StoreId store, String checkoutId) {
    return payments
        .lockCheckout(store, checkoutId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no pending checkout " + checkoutId + " in " + store));
  }

  private PaymentProvider provider(StoreId store, TenderKind kind) {
    return providers
        .find(store, kind)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    ErrorCode.TENDER_INVALID,
                    "store "
                        + store
                        + " takes no "
                        + kind
                        + " payments: no payment provider is registered for "
                        + kind
                        + switch (kind) {
                          case BNPL -> " (ENABLE_BNPL is off)";
                          case CRYPTO -> " (ENABLE_CRYPTO_PAYMENTS is off)";
                          default -> "";
                        }));
  }

  private PaymentProvider provider(Payment p) {
    return providers
        .named(p.store(), p.provider())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "payment "
                        + p.id()
                        + " was taken by provider "
                        + p.provider()
                        + ", which is no longer registered at "
                        + p.store()));
  }

  private static String paymentId(String checkoutId, int index) {
    return checkoutId + "-" + (index + 1);
  }

  /** The request as stored: a provider instrument (a card number) is never kept. */
  private static CheckoutRequest withoutInstruments(CheckoutRequest r) {
    List<Tender> kept = new ArrayList<>();
    for (Tender t : r.tenders()) {
      kept.add(t instanceof Tender.Provider p ? new Tender.Provider(p.kind(), p.amount(), "") : t);
    }
    return new CheckoutRequest(r.idempotencyKey(), r.basket(), kept, r.shiftId());
  }

  /** The checks a checkout makes on its tenders, made before anything is reserved. */
  private static void requireCovered(List<Tender> tenders, PricedBasket basket) {
    Money zero = Money.zero(basket.currency());
    Money nonCash = zero;
    Money cash = zero;
    for (Tender t : tenders) {
      Money m =
          t instanceof Tender.Cash c
              ? c.given()
              : t instanceof Tender.Card c ? c.amount() : ((Tender.Provider) t).amount();
      if (!m.currency().equals(basket.currency())) {
        throw new InvalidInputException(
            ErrorCode.CURRENCY_MISMATCH,
            "the store takes " + basket.currency() + ", not " + m.currency());
      }
      if (t instanceof Tender.Cash) {
        cash = cash.plus(m);
      } else {
        nonCash = nonCash.plus(m);
      }
    }
    if (nonCash.compareTo(basket.total()) > 0) {
      throw new InvalidInputException(
          ErrorCode.TENDER_INVALID,
          "only cash may overpay: the other tenders come to "
              + nonCash
              + " on a total of "
              + basket.total());
    }
    Money remaining = basket.total().minus(nonCash);
    Money due = cash.isPositive() ? basket.cashRounding().apply(remaining) : remaining;
    if (cash.compareTo(due) < 0) {
      throw new RuleViolationException(
          ErrorCode.TENDER_INSUFFICIENT,
          due.minus(cash) + " is still due" + (cash.isPositive() ? " in cash" : ""));
    }
  }

  private void reserve(StoreId store, String id, PricedBasket basket, Instant until) {
    // SKU order, so two checkouts reserving the same SKUs never wait on each other crosswise
    for (Map.Entry<Sku, BigDecimal> e : quantities(basket).entrySet()) {
      stock.reserve(
          reservation(store, id, e.getKey()),
          StockKey.floor(store, e.getKey()),
          e.getValue(),
          until,
          id);
    }
  }

  private void releaseStock(PendingCheckout pc) {
    for (Sku sku : pc.reserved()) {
      stock.release(
          reservation(pc.store(), pc.id(), sku), StockKey.floor(pc.store(), sku), pc.id());
    }
  }

  private static Map<Sku, BigDecimal> quantities(PricedBasket basket) {
    Map<Sku, BigDecimal> q = new TreeMap<>(Comparator.comparing(Sku::value));
    for (PricedLine l : basket.lines()) {
      q.merge(l.sku(), l.quantity().value(), BigDecimal::add);
    }
    return q;
  }

  private static String reservation(StoreId store, String checkoutId, Sku sku) {
    return RESERVATION_PREFIX + store + ":" + checkoutId + ":" + sku;
  }

  private void publishAll(List<Change> changes, PendingCheckout pc) {
    Instant now = clock.instant();
    for (Change c : changes) {
      publish(c.payment(), pc, c.reason(), now);
    }
  }

  private void publish(Payment p, PendingCheckout pc, String reason) {
    publish(p, pc, reason, clock.instant());
  }

  private void publish(Payment p, PendingCheckout pc, String reason, Instant at) {
    outbox.append(
        EventEnvelope.of(
            event(p, pc.status(), pc.receiptNumber().orElse(""), reason), at, pc.id()));
  }

  private static DomainEvent.PaymentChanged event(
      Payment p, PendingCheckout.Status status, String receipt, String reason) {
    return new DomainEvent.PaymentChanged(
        p.store(),
        p.id(),
        p.checkoutId(),
        p.kind().name(),
        p.provider(),
        p.state().name(),
        p.amount(),
        p.refunded(),
        p.reference(),
        status.name(),
        receipt,
        reason);
  }
}
