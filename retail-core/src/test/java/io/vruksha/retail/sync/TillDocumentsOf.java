package io.vruksha.retail.sync;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.ReturnReceipt;
import io.vruksha.retail.sale.Sale;
import io.vruksha.retail.store.StoreId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The documents a till engine would send the centre: one per entry of its journal, in order. */
public final class TillDocumentsOf {

  private TillDocumentsOf() {}

  /** Every document of {@code till}'s journal for {@code store}, in sequence. */
  public static List<TillDocument> of(RetailEngine till, StoreId store) {
    String id = till.till().orElseThrow(() -> new IllegalStateException("not a till's engine"));
    Map<String, Sale> sales = new HashMap<>();
    till.sales().list(store).forEach(s -> sales.put(s.number(), s));
    Map<String, ReturnReceipt> returns = new HashMap<>();
    till.sales().returns(store).forEach(r -> returns.put(r.creditNoteNumber(), r));
    Map<String, Shift> shifts = new HashMap<>();
    for (Shift s : till.registers().shifts().list(store)) {
      s.closing().flatMap(z -> z.number()).ifPresent(n -> shifts.put(n, s));
    }
    List<TillDocument> docs = new ArrayList<>();
    for (FiscalDocument e : till.journal().entries(store)) {
      Optional<Shift> shift = Optional.ofNullable(shifts.get(e.number()));
      docs.add(
          new TillDocument(
              id,
              e.sequence(),
              e,
              Optional.ofNullable(sales.get(e.number())),
              Optional.ofNullable(returns.get(e.number())),
              shift,
              shift.flatMap(Shift::closing)));
    }
    return docs;
  }
}
