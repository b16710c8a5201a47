package io.vruksha.retail.register;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.tax.TaxBreakdownEntry;
import io.vruksha.retail.time.Instants;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An X report (mid-shift, changes nothing) or a Z report (at close, numbered and chained into the
 * store's fiscal journal).
 *
 * @param shiftId the shift
 * @param number the Z report's number; empty for an X report
 * @param at when it was taken
 * @param salesCount sales in the shift
 * @param grossSales what the sales came to, tax included
 * @param returns what returns refunded
 * @param discounts discounts given on the sales
 * @param taxByRate tax per rate, sales less returns
 * @param tenders per tender kind, sales less refunds
 * @param expectedCash float + cash in − cash out + cash taken − cash refunded
 * @param countedCash what was counted at close (empty for X)
 * @param overShort counted − expected (empty for X)
 * @param journalHash the Z report's journal hash (empty for X)
 * @param overShortByTender per tender counted at close (cash drawer, card batch, ...), counted −
 *     expected; empty for X
 * @param providers per payment provider, keyed {@code <tender>/<provider>} ({@code BNPL/sim-bnpl}):
 *     what the shift's sales took through it (refunds are in {@code tenders}, per tender kind)
 */
public record ShiftReport(
    String shiftId,
    Optional<String> number,
    Instant at,
    int salesCount,
    Money grossSales,
    Money returns,
    Money discounts,
    List<TaxBreakdownEntry> taxByRate,
    Map<String, Money> tenders,
    Money expectedCash,
    Optional<Money> countedCash,
    Optional<Money> overShort,
    Optional<String> journalHash,
    Map<String, Money> overShortByTender,
    Map<String, Money> providers) {

  /** Copies the collections; a report stored before providers were kept reads as none. */
  public ShiftReport {
    taxByRate = List.copyOf(taxByRate);
    tenders = Map.copyOf(tenders);
    overShortByTender = Map.copyOf(overShortByTender);
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    at = Instants.microsOrNull(at);
  }
}
