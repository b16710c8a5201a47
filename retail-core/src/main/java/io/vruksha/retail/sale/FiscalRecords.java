package io.vruksha.retail.sale;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Invoice;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.pricing.PricedBasket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds a store's invoices and sales against its fiscal journal. The journal's chain proves the
 * journal itself intact ({@link FiscalJournal#verify(List)}); this proves the rows a till and a
 * back office read — the invoice table and the sales — say what the journal says: every invoice and
 * every sale has the journal entry of its number, with the same issue time, total and tax (and, for
 * a sale, the same lines and tenders), and every invoice entry of the journal still has its
 * invoice. So an invoice or sale row altered, deleted, renumbered or swapped with another by hand
 * is named.
 */
public final class FiscalRecords {

  private FiscalRecords() {}

  /**
   * One line per problem, empty when the records agree with the journal.
   *
   * @param journal the store's journal entries
   * @param invoices the store's invoices
   * @param sales the store's sales
   */
  public static List<String> verify(
      List<FiscalDocument> journal, List<Invoice> invoices, List<Sale> sales) {
    Map<String, FiscalDocument> byNumber = new HashMap<>();
    for (FiscalDocument d : journal) {
      byNumber.put(d.number(), d);
    }
    List<String> problems = new ArrayList<>();
    Set<String> invoiced = new HashSet<>();
    Set<String> saleIds = new HashSet<>();
    for (Sale s : sales) {
      saleIds.add(s.id());
    }
    for (Invoice i : invoices) {
      invoiced.add(i.number());
      FiscalDocument d = byNumber.get(i.number());
      if (d == null || d.kind() != DocumentKind.INVOICE) {
        problems.add(
            "invoice "
                + i.number()
                + " is not in the journal: it was added or renumbered outside the engine");
        continue;
      }
      compare(problems, "invoice " + i.number(), d, i.issuedAt(), i.total(), i.tax());
      i.saleId()
          .filter(id -> !saleIds.contains(id))
          .ifPresent(
              id ->
                  problems.add(
                      "invoice " + i.number() + " is for sale " + id + ", which was deleted"));
    }
    for (Sale s : sales) {
      FiscalDocument d = byNumber.get(s.number());
      if (d == null || d.kind() != DocumentKind.INVOICE) {
        problems.add(
            "sale "
                + s.number()
                + " is not in the journal: it was added or renumbered outside the engine");
        continue;
      }
      String where = "sale " + s.number();
      compare(problems, where, d, s.at(), s.basket().total(), s.basket().tax());
      if (!body(d).equals(saleBody(s.basket(), s.tenders()))) {
        problems.add(
            where
                + " was altered: its lines or tenders are not those of journal entry "
                + d.sequence());
      }
    }
    for (FiscalDocument d : journal) {
      if (d.kind() == DocumentKind.INVOICE && !invoiced.contains(d.number())) {
        problems.add(
            "journal entry "
                + d.sequence()
                + " ("
                + d.number()
                + ") has no invoice: the invoice row was deleted or renumbered");
      }
    }
    return problems;
  }

  private static void compare(
      List<String> problems, String what, FiscalDocument d, Instant at, Money total, Money tax) {
    List<String> differ = new ArrayList<>();
    if (!d.total().equals(total)) {
      differ.add("total " + total + " where the journal has " + d.total());
    }
    if (!d.tax().equals(tax)) {
      differ.add("tax " + tax + " where the journal has " + d.tax());
    }
    if (!d.issuedAt().equals(at.truncatedTo(ChronoUnit.MICROS))) {
      differ.add("issued " + at + " where the journal has " + d.issuedAt());
    }
    if (!differ.isEmpty()) {
      problems.add(
          what
              + " was altered: "
              + String.join(", ", differ)
              + " (journal entry "
              + d.sequence()
              + ")");
    }
  }

  /** The part of a journal entry's content after its heading line: lines and tenders. */
  private static String body(FiscalDocument d) {
    int nl = d.content().indexOf('\n');
    return nl < 0 ? "" : d.content().substring(nl + 1);
  }

  /** What a sale's journal entry holds after its heading line: its lines, then its tenders. */
  public static String saleBody(PricedBasket basket, List<AppliedTender> tenders) {
    StringBuilder b = new StringBuilder(FiscalJournal.lines(basket));
    for (AppliedTender t : tenders) {
      b.append("T|").append(t.kind()).append('|').append(t.amount()).append('\n');
    }
    return b.toString();
  }
}
