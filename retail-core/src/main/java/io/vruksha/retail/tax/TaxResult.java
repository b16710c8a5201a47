package io.vruksha.retail.tax;

import io.vruksha.retail.money.Money;
import java.util.List;
import java.util.Optional;

/**
 * The tax of a document. Everything adds up exactly: line nets sum to {@code net}, line taxes and
 * breakdown taxes each sum to {@code tax}, and {@code net + tax = gross}.
 *
 * @param lines the tax of each line, in the order given
 * @param breakdown one row per rate (and per zero-rated / exempt turnover)
 * @param net total without tax
 * @param tax total tax
 * @param gross total with tax
 * @param exemptionCertificate the certificate that exempted lines, if one did
 */
public record TaxResult(
    List<LineTax> lines,
    List<TaxBreakdownEntry> breakdown,
    Money net,
    Money tax,
    Money gross,
    Optional<String> exemptionCertificate) {

  /** Copies the lists. */
  public TaxResult {
    lines = List.copyOf(lines);
    breakdown = List.copyOf(breakdown);
  }
}
