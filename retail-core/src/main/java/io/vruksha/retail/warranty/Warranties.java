package io.vruksha.retail.warranty;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.event.DomainEvent;
import io.vruksha.retail.event.EventEnvelope;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.pricing.PricedLine;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.Actor;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The warranty use cases. A sale of serialised SKUs registers one warranty per unit, from the
 * serial numbers given at the till, inside the sale's unit of work; lookups by serial or receipt;
 * claims while the cover runs; and the return check: a serialised unit comes back only with a
 * serial sold on that receipt, and its warranty is voided. Thread-safe when its ports are.
 */
public final class Warranties {

  private final WarrantyBook book;
  private final Outbox outbox;
  private final UnitOfWork work;
  private final Clock clock;

  /** Warranties over their ports. */
  public Warranties(WarrantyBook book, Outbox outbox, UnitOfWork work, Clock clock) {
    this.book = Objects.requireNonNull(book, "book");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.work = Objects.requireNonNull(work, "work");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The port, for lookups. */
  public WarrantyBook book() {
    return book;
  }

  /** Flags a SKU as serialised with a warranty of {@code months}. */
  public WarrantyPolicy serialise(Sku sku, int months) {
    WarrantyPolicy policy = new WarrantyPolicy(sku, months);
    work.run(
        () -> {
          book.savePolicy(policy);
          return null;
        });
    return policy;
  }

  /**
   * Registers the serials of a sale, inside its unit of work: every unit of a serialised SKU needs
   * one serial, and serials may only be given for serialised SKUs.
   *
   * @throws InvalidInputException VALIDATION naming the SKU whose serials do not add up
   */
  public List<Warranty> registerSale(Sale sale, Map<Sku, List<String>> serials) {
    Map<Sku, Deque<String>> left = new HashMap<>();
    Set<String> seen = new HashSet<>();
    serials.forEach(
        (sku, list) -> {
          for (String s : list) {
            if (s == null || !s.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")) {
              throw new InvalidInputException(
                  ErrorCode.VALIDATION,
                  "a serial number is 1 to 64 letters, digits, '.', '_', '/' or '-'");
            }
            if (!seen.add(s)) {
              throw new InvalidInputException(
                  ErrorCode.VALIDATION, "serial " + s + " was given twice");
            }
          }
          left.put(sku, new ArrayDeque<>(list));
        });
    List<Warranty> registered = new ArrayList<>();
    Map<Sku, Integer> needed = new HashMap<>();
    for (PricedLine line : sale.basket().lines()) {
      var policy = book.policy(line.sku());
      if (policy.isEmpty()) {
        continue;
      }
      int units = units(line);
      needed.merge(line.sku(), units, Integer::sum);
      Deque<String> available = left.getOrDefault(line.sku(), new ArrayDeque<>());
      for (int i = 0; i < units; i++) {
        String serial = available.poll();
        if (serial == null) {
          break; // reported below with the totals
        }
        Warranty w =
            new Warranty(
                sale.store(),
                serial,
                line.sku(),
                sale.id(),
                sale.number(),
                line.index(),
                sale.at(),
                sale.at().atOffset(ZoneOffset.UTC).plusMonths(policy.get().months()).toInstant(),
                Warranty.Status.ACTIVE);
        book.save(w);
        publish(w, "REGISTERED");
        registered.add(w);
      }
    }
    Set<Sku> skus = new HashSet<>(needed.keySet());
    skus.addAll(serials.keySet());
    for (Sku sku : skus) {
      int need = needed.getOrDefault(sku, 0);
      int given = serials.getOrDefault(sku, List.of()).size();
      if (need != given) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            need == 0
                ? sku
                    + " is not a serialised SKU of this sale, yet "
                    + given
                    + " serials were given"
                : sku + " is serialised: " + need + " serial numbers needed, " + given + " given");
      }
    }
    return registered;
  }

  private static int units(PricedLine line) {
    BigDecimal q = line.quantity().value();
    try {
      return q.intValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a serialised SKU is sold in whole units, not " + q.toPlainString());
    }
  }

  /** The warranty of a serial. */
  public Warranty bySerial(StoreId store, String serial) {
    return book.bySerial(store, serial)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.NOT_FOUND, "no warranty for serial " + serial + " in " + store));
  }

  /** The warranties of a receipt's units. */
  public List<Warranty> byReceipt(StoreId store, String receiptNumber) {
    return book.byReceipt(store, receiptNumber);
  }

  /**
   * Records a claim on a serial while its warranty covers it.
   *
   * @throws RuleViolationException WARRANTY_INVALID when it expired or the unit was returned
   */
  public WarrantyClaim claim(StoreId store, String serial, String description, Actor by) {
    if (description == null || description.isBlank()) {
      throw new InvalidInputException(ErrorCode.VALIDATION, "a claim needs a description");
    }
    return work.runFor(
        store,
        () -> {
          Warranty w = bySerial(store, serial);
          Instant now = clock.instant();
          if (!w.covers(now)) {
            throw new RuleViolationException(
                ErrorCode.WARRANTY_INVALID,
                w.status() == Warranty.Status.VOID
                    ? "serial " + serial + " was returned; its warranty is void"
                    : "the warranty of serial " + serial + " ended on " + w.endsAt());
          }
          WarrantyClaim claim =
              new WarrantyClaim(
                  store,
                  UUID.randomUUID().toString(),
                  serial,
                  now,
                  description.strip(),
                  by.staffId());
          book.addClaim(claim);
          publish(w, "CLAIMED");
          return claim;
        });
  }

  /**
   * Checks a return against the warranties of its sale, inside the return's unit of work: each
   * returned unit of a serialised line needs a serial sold on that line of the receipt and still
   * active; those warranties are voided.
   *
   * @throws RuleViolationException RETURN_INVALID naming the serial or line that does not match
   */
  public List<Warranty> voidForReturn(Sale sale, ReturnRequest request, List<String> serials) {
    List<Warranty> sold = book.byReceipt(sale.store(), sale.number());
    Set<String> given = new HashSet<>(serials);
    for (String s : serials) {
      if (sold.stream().noneMatch(w -> w.serial().equals(s))) {
        throw new RuleViolationException(
            ErrorCode.RETURN_INVALID, "serial " + s + " was not sold on receipt " + sale.number());
      }
    }
    List<Warranty> voided = new ArrayList<>();
    for (ReturnRequest.Item item : request.items()) {
      List<Warranty> onLine = sold.stream().filter(w -> w.lineIndex() == item.lineIndex()).toList();
      if (onLine.isEmpty()) {
        continue;
      }
      List<Warranty> back = onLine.stream().filter(w -> given.contains(w.serial())).toList();
      if (BigDecimal.valueOf(back.size()).compareTo(item.quantity()) != 0) {
        throw new RuleViolationException(
            ErrorCode.RETURN_INVALID,
            "line "
                + item.lineIndex()
                + " of receipt "
                + sale.number()
                + " is serialised: give the serial of each of the "
                + item.quantity().stripTrailingZeros().toPlainString()
                + " units returned ("
                + back.size()
                + " given)");
      }
      for (Warranty w : back) {
        if (w.status() == Warranty.Status.VOID) {
          throw new RuleViolationException(
              ErrorCode.RETURN_INVALID, "serial " + w.serial() + " was already returned");
        }
        Warranty v = w.voided();
        book.save(v);
        publish(v, "VOIDED");
        voided.add(v);
      }
    }
    if (voided.size() != given.size()) {
      throw new RuleViolationException(
          ErrorCode.RETURN_INVALID,
          "some serials given are not on the returned lines of receipt " + sale.number());
    }
    return voided;
  }

  private void publish(Warranty w, String status) {
    outbox.append(
        EventEnvelope.of(
            new DomainEvent.WarrantyChanged(
                w.store(), w.serial(), w.sku().value(), w.receiptNumber(), status),
            clock.instant(),
            w.saleId()));
  }
}
