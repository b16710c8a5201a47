package io.vruksha.retail.payment;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.sale.Checkout;
import io.vruksha.retail.sale.CheckoutRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.StoreCredits;
import io.vruksha.retail.sale.Tender;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of {@link PaymentCheckout}: applies providers' news to a pending checkout's
 * payments under its lock ({@link PaymentState#mayBecome}), then completes the sale when every
 * payment is approved, or releases the checkout (declined, expired, cancelled) and gives back
 * whatever money was approved. Thread-safe when its ports and providers are.
 */
final class PaymentSettlement {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentCheckout.class);

  private final Payments payments;
  private final PaymentProviders providers;
  private final Checkout checkout;
  private final PaymentReservations reservations;
  private final StoreCredits storeCredits;
  private final PaymentEvents events;
  private final UnitOfWork work;
  private final Clock clock;

  PaymentSettlement(
      Payments payments,
      PaymentProviders providers,
      Checkout checkout,
      PaymentReservations reservations,
      StoreCredits storeCredits,
      PaymentEvents events,
      UnitOfWork work,
      Clock clock) {
    this.payments = payments;
    this.providers = providers;
    this.checkout = checkout;
    this.reservations = reservations;
    this.storeCredits = storeCredits;
    this.events = events;
    this.work = work;
    this.clock = clock;
  }

  /** See {@link PaymentCheckout#cancel}. */
  PendingCheckout cancel(StoreId store, String checkoutId, Actor cashier) {
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

  /** A payment that changed in one unit of work, and why (published at its end). */
  private record Change(Payment payment, String reason) {}

  /**
   * Applies the providers' news to a checkout's payments under its lock, then completes or releases
   * it when it can. A completion that fails (the basket cannot be sold any more) is rolled back and
   * the checkout released in a second unit of work, its money paid back.
   */
  PendingCheckout settle(StoreId store, String checkoutId, Map<String, ProviderStatus> news) {
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
    PaymentProvider provider = providers.thatTook(p);
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
        ProviderStatus r =
            providers.thatTook(p).capture(p.reference(), p.amount(), p.id() + ":capture");
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
    reservations.release(pc);
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
          r = providers.thatTook(p).voidPayment(p.reference(), p.id() + ":cancel");
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
    reservations.release(pc);
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

  private void publishAll(List<Change> changes, PendingCheckout pc) {
    Instant now = clock.instant();
    for (Change c : changes) {
      events.publish(c.payment(), pc, c.reason(), now);
    }
  }
}
