package io.vruksha.retail.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.register.Shift;
import io.vruksha.retail.sale.ReturnRequest;
import io.vruksha.retail.sale.Sale;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * However a till's batches arrive — sent twice, overlapping, out of order, ahead of a gap — the
 * centre ends with each of its documents exactly once.
 */
class TillSyncPropertiesTest {

  /** 10 sales, a return and a shift close: 12 documents, made once and sent in every try. */
  private static final List<TillDocument> DOCS = documents();

  private static List<TillDocument> documents() {
    RetailEngine till = TillScenarios.till("T01");
    Shift shift =
        till.registers()
            .open(TillScenarios.DEMO, "T01", TillScenarios.eur("50.00"), TillScenarios.ANNA);
    List<Sale> sales = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sales.add(
          TillScenarios.sell(
              till, "p-" + i, TillScenarios.SKUS[i % 4], 1 + i % 2, Optional.of(shift.id())));
    }
    till.acceptReturn(
        ReturnRequest.of("r", sales.get(3).id(), new ReturnRequest.Item(0, BigDecimal.ONE, true)),
        TillScenarios.SAM);
    till.registers()
        .close(shift.id(), till.registers().xReport(shift.id()).expectedCash(), TillScenarios.SAM);
    return TillDocumentsOf.of(till, TillScenarios.DEMO);
  }

  /** A batch: documents {@code from} to {@code from + length - 1} (within the 12). */
  record Batch(int from, int length) {
    List<TillDocument> documents() {
      return DOCS.subList(from - 1, Math.min(DOCS.size(), from - 1 + length));
    }
  }

  @Provide
  Arbitrary<List<Batch>> deliveries() {
    Arbitrary<Batch> batch =
        Combinators.combine(
                Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 7))
            .as(Batch::new);
    return batch.list().ofMinSize(1).ofMaxSize(15);
  }

  @Property(tries = 150)
  void anyInterleavingOfResendsOverlapsAndGapsLeavesEachDocumentOnce(
      @ForAll("deliveries") List<Batch> deliveries) {
    assertThat(DOCS).hasSize(12);
    RetailEngine centre = TillScenarios.centre();
    TillSync sync = centre.tillSync();
    int received = 0;
    for (Batch b : deliveries) {
      long before = sync.position(TillScenarios.DEMO, "T01").acceptedUpTo();
      if (b.from() > before + 1) {
        assertThatThrownBy(() -> sync.accept(TillScenarios.DEMO, "T01", b.documents()))
            .isInstanceOfSatisfying(
                RetailException.class,
                x -> assertThat(x.code()).isEqualTo(ErrorCode.TILL_SEQUENCE_GAP));
        assertThat(sync.position(TillScenarios.DEMO, "T01").acceptedUpTo()).isEqualTo(before);
      } else {
        TillReceipt r = sync.accept(TillScenarios.DEMO, "T01", b.documents());
        received += r.received();
        assertThat(r.received() + r.duplicates()).isEqualTo(b.documents().size());
        assertThat(r.acceptedUpTo())
            .isEqualTo(Math.max(before, b.from() + b.documents().size() - 1));
      }
    }
    // then the till sends everything from the start, as after losing its own position
    received += sync.accept(TillScenarios.DEMO, "T01", DOCS).received();

    assertThat(received).isEqualTo(12);
    assertThat(sync.position(TillScenarios.DEMO, "T01").acceptedUpTo()).isEqualTo(12);
    assertThat(TillSyncTest.countByNumber(centre.sales().list(TillScenarios.DEMO)))
        .hasSize(10)
        .allSatisfy((number, count) -> assertThat(count).isEqualTo(1L));
    assertThat(centre.sales().returns(TillScenarios.DEMO)).hasSize(1);
    assertThat(centre.journal().entries(TillScenarios.DEMO))
        .extracting(FiscalDocument::number)
        .doesNotHaveDuplicates()
        .hasSize(12);
    assertThat(
            centre.journal().entries(TillScenarios.DEMO).stream()
                .filter(e -> e.kind() == DocumentKind.Z_REPORT))
        .hasSize(1);
    assertThat(sync.verify(TillScenarios.DEMO)).isEmpty();
    assertThat(centre.journal().verify(TillScenarios.DEMO)).isEmpty();
  }
}
