package io.vruksha.retail.tax;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.TaxCategory;
import java.util.Set;

/**
 * A customer's tax-exemption certificate (a reseller's certificate, a diplomatic exemption, a
 * charity), covering some tax categories or all of them. Exempted lines are reported as exempt and
 * the certificate id goes on the document.
 *
 * @param certificateId the certificate's number, printed on the invoice
 * @param categories the categories it covers; empty means every category
 */
public record TaxExemption(String certificateId, Set<TaxCategory> categories) {

  /** Validates the certificate id. */
  public TaxExemption {
    categories = Set.copyOf(categories);
    if (certificateId == null || certificateId.isBlank()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "a tax exemption needs the certificate id");
    }
  }

  /** A certificate covering every category. */
  public static TaxExemption all(String certificateId) {
    return new TaxExemption(certificateId, Set.of());
  }

  /** True when the certificate covers {@code category}. */
  public boolean covers(TaxCategory category) {
    return categories.isEmpty() || categories.contains(category);
  }
}
