package io.vruksha.retail.sync;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.event.Outbox;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.work.UnitOfWork;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The centre's side of tills that sell offline: takes each till's documents exactly once, in the
 * order of the till's journal, and keeps the till's chain verbatim.
 *
 * <p>A batch ({@link #accept}) is 1 to {@value #MAX_BATCH} documents of one store and till, in
 * consecutive sequence order. Documents the centre already holds ({@code sequence <= acceptedUpTo})
 * are skipped and counted as duplicates; the first new one must be {@code acceptedUpTo + 1}, else
 * {@link ErrorCode#TILL_SEQUENCE_GAP} and nothing is applied. Each new document is then its own
 * unit of work: its entry must chain to the centre's copy of the till's journal, verify, and match
 * its document (number, total, tax, store, till, lines) — else {@link ErrorCode#TILL_CHAIN_BROKEN}
 * and nothing from that document on is applied, while the documents before it stay applied.
 *
 * <p>What applying means is {@link TillDocuments}': the till's documents are booked as the till
 * made them, never priced again. Thread-safe: two batches of one till sent at once are taken one
 * after the other (the ledger holds the till's position in each unit of work).
 */
public final class TillSync {

  /** The most documents one batch may carry. */
  public static final int MAX_BATCH = 200;

  private final TillLedger ledger;
  private final TillDocuments apply;
  private final UnitOfWork work;

  /**
   * The centre's till sync over {@code ledger}, applying documents with the engine's use cases and
   * ports; {@code outbox} and {@code work} are the engine's.
   */
  public TillSync(TillLedger ledger, RetailEngine engine, Outbox outbox, UnitOfWork work) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.work = Objects.requireNonNull(work, "work");
    this.apply = new TillDocuments(ledger, engine, outbox);
  }

  /** The ledger of the tills' chains and flags. */
  public TillLedger ledger() {
    return ledger;
  }

  /** Where the centre's copy of the till's journal ends (0 and the genesis hash if unknown). */
  public TillPosition position(StoreId store, String till) {
    Objects.requireNonNull(store, "store");
    requireTill(till);
    return work.runFor(store, () -> ledger.position(store, till));
  }

  /**
   * Takes a batch of a till's documents, each new one exactly once.
   *
   * @throws InvalidInputException VALIDATION when the batch is empty, too long, not of this store
   *     and till, or not in consecutive sequence order (nothing applied)
   * @throws RuleViolationException TILL_SEQUENCE_GAP when the first new document is not the next
   *     the centre expects (nothing applied); TILL_CHAIN_BROKEN when a document does not chain,
   *     verify or match its entry (the documents before it stay applied)
   */
  public TillReceipt accept(StoreId store, String till, List<TillDocument> documents) {
    Objects.requireNonNull(store, "store");
    requireTill(till);
    checkBatch(store, till, documents);
    TillPosition start = position(store, till);
    long first = documents.get(0).sequence();
    long last = documents.get(documents.size() - 1).sequence();
    if (last > start.acceptedUpTo() && first > start.acceptedUpTo() + 1) {
      throw gap(till, start, first);
    }
    int received = 0;
    int duplicates = 0;
    Map<String, BigDecimal> oversold = new LinkedHashMap<>();
    for (TillDocument d : documents) {
      Map<String, BigDecimal> negative =
          work.runFor(
              store,
              () -> {
                TillPosition at = ledger.position(store, till);
                if (d.sequence() <= at.acceptedUpTo()) {
                  return null; // held already, perhaps from a batch sent at the same time
                }
                if (d.sequence() != at.acceptedUpTo() + 1) {
                  throw gap(till, at, d.sequence());
                }
                List<String> problems = TillChecks.problems(store, till, at, d);
                if (!problems.isEmpty()) {
                  throw new RuleViolationException(
                      ErrorCode.TILL_CHAIN_BROKEN,
                      "till "
                          + till
                          + " document "
                          + d.sequence()
                          + " ("
                          + d.entry().number()
                          + ") is refused: "
                          + String.join("; ", problems)
                          + "; the centre holds the till's documents up to "
                          + at.acceptedUpTo(),
                      problems);
                }
                return apply.apply(store, till, d);
              });
      if (negative == null) {
        duplicates++;
      } else {
        received++;
        oversold.putAll(negative);
      }
    }
    List<TillReceipt.Oversold> flagged = new ArrayList<>();
    oversold.forEach((sku, onHand) -> flagged.add(new TillReceipt.Oversold(sku, onHand)));
    return new TillReceipt(
        till, position(store, till).acceptedUpTo(), received, duplicates, flagged);
  }

  /**
   * Verifies the centre's copy of every till chain of the store: one line per problem, each naming
   * its till ({@code till T01: entry 4 (S001-T01-2026-000004) was altered ...}); empty when every
   * chain verifies.
   */
  public List<String> verify(StoreId store) {
    Objects.requireNonNull(store, "store");
    return work.runFor(
        store,
        () -> {
          List<String> problems = new ArrayList<>();
          for (String till : ledger.tills(store)) {
            FiscalJournal.verify(ledger.entries(store, till))
                .forEach(p -> problems.add("till " + till + ": " + p));
          }
          return problems;
        });
  }

  /** The tills of the store the centre holds documents of, in id order. */
  public List<String> tills(StoreId store) {
    Objects.requireNonNull(store, "store");
    return work.runFor(store, () -> ledger.tills(store));
  }

  /**
   * What the store's tills did offline that the centre booked but could not cover (stock sold below
   * zero, points or gift cards spent beyond the centre's balance), in the order recorded.
   */
  public List<TillFlag> flags(StoreId store) {
    Objects.requireNonNull(store, "store");
    return work.runFor(store, () -> ledger.flags(store));
  }

  private static RuleViolationException gap(String till, TillPosition at, long got) {
    return new RuleViolationException(
        ErrorCode.TILL_SEQUENCE_GAP,
        "till "
            + till
            + " sent document "
            + got
            + " but the centre expects sequence "
            + (at.acceptedUpTo() + 1)
            + " next: send the documents from "
            + (at.acceptedUpTo() + 1));
  }

  private static void checkBatch(StoreId store, String till, List<TillDocument> documents) {
    if (documents == null || documents.isEmpty() || documents.size() > MAX_BATCH) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "a batch holds 1 to "
              + MAX_BATCH
              + " documents, this one "
              + (documents == null ? 0 : documents.size()));
    }
    long previous = -1;
    for (TillDocument d : documents) {
      if (d == null) {
        throw new InvalidInputException(ErrorCode.VALIDATION, "a batch holds no empty documents");
      }
      if (d.sequence() < 1) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "a document's sequence starts at 1, was " + d.sequence());
      }
      if (!d.till().equals(till) || !d.entry().store().equals(store)) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "document "
                + d.sequence()
                + " is of store "
                + d.entry().store()
                + " till "
                + d.till()
                + ", not of store "
                + store
                + " till "
                + till);
      }
      if (previous >= 0 && d.sequence() != previous + 1) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "a batch's documents follow each other in sequence: "
                + d.sequence()
                + " came after "
                + previous);
      }
      previous = d.sequence();
    }
  }

  private static void requireTill(String till) {
    if (till == null || !FiscalJournal.TILL_ID.matcher(till).matches()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a till id is 1 to 8 letters or digits, was " + till);
    }
  }
}
