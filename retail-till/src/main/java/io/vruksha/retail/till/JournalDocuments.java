package io.vruksha.retail.till;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RuleViolationException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.sale.SaleQuery;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.sync.TillDocument;
import java.util.List;
import java.util.Optional;

/**
 * Reads a till's journal entries with the documents they number, from the till's own engine: the
 * sale of an invoice, the return of a credit note, the closed shift of a Z report. An entry whose
 * document the store cannot produce is an error ({@link ErrorCode#JOURNAL_BROKEN}), never skipped:
 * the centre takes a till's documents in sequence, so a hole would stop every document after it.
 */
final class JournalDocuments {

  private final RetailEngine engine;
  private final StoreId store;
  private final String till;

  JournalDocuments(RetailEngine engine, StoreId store, String till) {
    this.engine = engine;
    this.store = store;
    this.till = till;
  }

  /** The store's journal entries after {@code sequence}, in order. */
  List<FiscalDocument> entriesAfter(long sequence) {
    List<FiscalDocument> all = engine.inStore(store, () -> engine.journal().entries(store));
    // entries are numbered 1, 2, 3 ...: the ones after `sequence` start at that index
    int from = (int) Math.min(Math.max(sequence, 0), all.size());
    if (from > 0 && all.get(from - 1).sequence() != sequence) {
      return all.stream().filter(e -> e.sequence() > sequence).toList();
    }
    return all.subList(from, all.size());
  }

  /** The till's journal entry with this sequence. */
  Optional<FiscalDocument> entry(long sequence) {
    List<FiscalDocument> all = engine.inStore(store, () -> engine.journal().entries(store));
    if (sequence >= 1
        && sequence <= all.size()
        && all.get((int) sequence - 1).sequence() == sequence) {
      return Optional.of(all.get((int) sequence - 1));
    }
    return all.stream().filter(e -> e.sequence() == sequence).findFirst();
  }

  /** The document of {@code entry}, as the centre takes it, read in the store's unit of work. */
  TillDocument document(FiscalDocument entry) {
    return engine.inStore(store, () -> read(entry));
  }

  private TillDocument read(FiscalDocument entry) {
    return switch (entry.kind()) {
      case INVOICE ->
          new TillDocument(
              till,
              entry.sequence(),
              entry,
              Optional.of(sale(entry)),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
      case CREDIT_NOTE ->
          new TillDocument(
              till,
              entry.sequence(),
              entry,
              Optional.empty(),
              Optional.of(returnReceipt(entry)),
              Optional.empty(),
              Optional.empty());
      case Z_REPORT -> {
        Shift shift = shift(entry);
        ShiftReport z = shift.closing().orElseThrow(() -> missing(entry, "its closed shift"));
        yield new TillDocument(
            till,
            entry.sequence(),
            entry,
            Optional.empty(),
            Optional.empty(),
            Optional.of(shift),
            Optional.of(z));
      }
    };
  }

  private Sale sale(FiscalDocument entry) {
    List<Sale> found =
        engine
            .sales()
            .search(
                new SaleQuery(
                    store,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(entry.number()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    1));
    return found.stream()
        .filter(s -> s.number().equals(entry.number()))
        .findFirst()
        .orElseThrow(() -> missing(entry, "its sale"));
  }

  private ReturnReceipt returnReceipt(FiscalDocument entry) {
    return engine
        .sales()
        .returnByNumber(store, entry.number())
        .orElseThrow(() -> missing(entry, "its return"));
  }

  private Shift shift(FiscalDocument entry) {
    return engine.registers().shifts().list(store).stream()
        .filter(
            s ->
                s.closing().flatMap(ShiftReport::number).filter(entry.number()::equals).isPresent())
        .findFirst()
        .orElseThrow(() -> missing(entry, "its closed shift"));
  }

  private RuleViolationException missing(FiscalDocument entry, String what) {
    return new RuleViolationException(
        ErrorCode.JOURNAL_BROKEN,
        "journal entry "
            + entry.sequence()
            + " ("
            + entry.kind()
            + " "
            + entry.number()
            + ") of till "
            + till
            + " has no "
            + what.replaceFirst("^its ", "")
            + " in the till's store: it cannot be sent, and nothing after it can");
  }
}
