package io.vruksha.retail.sync;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.FiscalRecords;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a till's document may be taken: its entry chains to where the centre's copy of the till's
 * journal ends and verifies, and its document is the one the entry numbers.
 */
final class TillChecks {

  private TillChecks() {}

  /** One line per problem, empty when the document may be taken. */
  static List<String> problems(StoreId store, String till, TillPosition at, TillDocument d) {
    FiscalDocument e = d.entry();
    List<String> problems = new ArrayList<>();
    if (e.sequence() != d.sequence()) {
      problems.add("its entry is sequence " + e.sequence() + ", the document says " + d.sequence());
    }
    if (!e.previousHash().equals(at.lastHash())) {
      problems.add(
          "its entry does not chain to the centre's last entry of the till (previous hash "
              + e.previousHash()
              + ", the centre's last hash "
              + at.lastHash()
              + ")");
    }
    FiscalJournal.verify(e, e.previousHash(), d.sequence()).stream()
        .filter(p -> p.contains("altered"))
        .forEach(problems::add);
    if (!e.store().equals(store)) {
      problems.add("its entry is of store " + e.store() + ", not " + store);
    }
    if (!FiscalJournal.tillOf(e.number()).equals(Optional.of(till))) {
      problems.add("number " + e.number() + " is not of till " + till + "'s series");
    }
    switch (e.kind()) {
      case INVOICE -> sale(problems, e, d);
      case CREDIT_NOTE -> creditNote(problems, e, d);
      case Z_REPORT -> zReport(problems, e, d);
    }
    return problems;
  }

  private static void sale(List<String> problems, FiscalDocument e, TillDocument d) {
    if (d.sale().isEmpty() || d.returnReceipt().isPresent() || d.shift().isPresent()) {
      problems.add("an invoice entry carries its sale and nothing else");
      return;
    }
    Sale s = d.sale().get();
    same(problems, "number", s.number(), e.number());
    same(problems, "store", s.store(), e.store());
    same(problems, "total", s.total(), e.total());
    same(problems, "tax", s.basket().tax(), e.tax());
    same(problems, "time", s.at(), e.issuedAt());
    if (!FiscalRecords.saleBody(s.basket(), s.tenders()).equals(FiscalJournal.body(e))) {
      problems.add("the sale's lines or tenders are not those of its entry");
    }
  }

  private static void creditNote(List<String> problems, FiscalDocument e, TillDocument d) {
    if (d.returnReceipt().isEmpty() || d.sale().isPresent() || d.shift().isPresent()) {
      problems.add("a credit note entry carries its return and nothing else");
      return;
    }
    ReturnReceipt r = d.returnReceipt().get();
    same(problems, "number", r.creditNoteNumber(), e.number());
    same(problems, "store", r.store(), e.store());
    same(problems, "total", r.refund().negate(), e.total());
    same(problems, "tax", r.tax().negate(), e.tax());
    same(problems, "time", r.at(), e.issuedAt());
  }

  private static void zReport(List<String> problems, FiscalDocument e, TillDocument d) {
    if (d.shift().isEmpty() || d.zReport().isEmpty() || d.sale().isPresent()) {
      problems.add("a Z report entry carries its shift and Z report and nothing else");
      return;
    }
    Shift shift = d.shift().get();
    ShiftReport z = d.zReport().get();
    same(problems, "number", z.number().orElse(""), e.number());
    same(problems, "store", shift.store(), e.store());
    same(problems, "time", z.at(), e.issuedAt());
    same(problems, "total", z.grossSales().minus(z.returns()), e.total());
    if (shift.closing().isPresent() && !shift.closing().equals(Optional.of(z))) {
      problems.add("the shift's close is not the Z report sent with it");
    }
    if (!shift.id().equals(z.shiftId())) {
      problems.add("the Z report is of shift " + z.shiftId() + ", not " + shift.id());
    }
  }

  private static void same(List<String> problems, String what, Object document, Object entry) {
    if (!document.equals(entry)) {
      problems.add("the document's " + what + " is " + document + ", its entry's " + entry);
    }
  }
}
