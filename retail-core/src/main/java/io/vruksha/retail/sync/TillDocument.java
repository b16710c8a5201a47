package io.vruksha.retail.sync;

import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.register.ShiftReport;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import java.util.Objects;
import java.util.Optional;

/**
 * One fiscal document of a till as the till sends it to the centre: the entry of the till's own
 * chained journal, verbatim, and the document it numbers — the sale (an {@code INVOICE} entry), the
 * return ({@code CREDIT_NOTE}) or the closed shift with its Z report ({@code Z_REPORT}, the shift's
 * cash movements inside). {@code sequence} is the entry's place in the till's journal: the centre
 * takes a till's documents in that order, each once.
 *
 * @param till the till that issued it, e.g. {@code T01}
 * @param sequence the entry's sequence in the till's journal, from 1
 * @param entry the till's journal entry
 * @param sale the sale, for an {@code INVOICE} entry
 * @param returnReceipt the return, for a {@code CREDIT_NOTE} entry
 * @param shift the closed shift, for a {@code Z_REPORT} entry
 * @param zReport the Z report, for a {@code Z_REPORT} entry
 */
public record TillDocument(
    String till,
    long sequence,
    FiscalDocument entry,
    Optional<Sale> sale,
    Optional<ReturnReceipt> returnReceipt,
    Optional<Shift> shift,
    Optional<ShiftReport> zReport) {

  /** Checks the parts are there. */
  public TillDocument {
    Objects.requireNonNull(till, "till");
    Objects.requireNonNull(entry, "entry");
    sale = sale == null ? Optional.empty() : sale;
    returnReceipt = returnReceipt == null ? Optional.empty() : returnReceipt;
    shift = shift == null ? Optional.empty() : shift;
    zReport = zReport == null ? Optional.empty() : zReport;
  }
}
