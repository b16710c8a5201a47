package io.vruksha.retail.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Journal} and {@link InvoiceSequence} adapter pair must show. */
public abstract class JournalContract {

  private static final StoreId S1 = StoreId.of("s1");
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

  /** A new, empty journal for each test. */
  protected abstract Journal newJournal();

  /** A new sequence for each test. */
  protected abstract InvoiceSequence newSequence();

  @Test
  void entriesChainPerStoreAndVerify() {
    FiscalJournal journal = new FiscalJournal(newJournal(), newSequence());
    Money ten = Money.of("10.00", "EUR");
    Money one = Money.of("1.60", "EUR");
    FiscalDocument a =
        journal.append(
            S1, DocumentKind.INVOICE, journal.nextNumber(S1, "S001", T0), T0, ten, one, "L|A\n");
    FiscalDocument b =
        journal.append(
            S1, DocumentKind.INVOICE, journal.nextNumber(S1, "S001", T0), T0, ten, one, "L|B\n");
    journal.append(
        StoreId.of("s2"),
        DocumentKind.INVOICE,
        journal.nextNumber(StoreId.of("s2"), "S001", T0),
        T0,
        ten,
        one,
        "");
    assertThat(a.number()).isEqualTo("S001-2026-000001");
    assertThat(b.number()).isEqualTo("S001-2026-000002");
    assertThat(a.previousHash()).isEqualTo(Journal.GENESIS);
    assertThat(b.previousHash()).isEqualTo(a.hash());
    assertThat(journal.entries(S1)).containsExactly(a, b);
    assertThat(journal.verify(S1)).isEmpty();
    assertThat(journal.entries(StoreId.of("s2")).get(0).number()).isEqualTo("S001-2026-000001");
  }

  @Test
  void numbersAreGaplessUnderConcurrency() throws Exception {
    InvoiceSequence sequence = newSequence();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Long>> taken = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        taken.add(pool.submit(() -> sequence.next(S1, "S001", 2026)));
      }
      Set<Long> numbers = new HashSet<>();
      for (Future<Long> f : taken) {
        numbers.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(numbers).hasSize(400);
      assertThat(numbers).allMatch(n -> n >= 1 && n <= 400);
      assertThat(sequence.next(S1, "S001", 2027)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
