package io.vruksha.retail.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.invoicing.DocumentKind;
import io.vruksha.retail.invoicing.FiscalDocument;
import io.vruksha.retail.invoicing.FiscalJournal;
import io.vruksha.retail.invoicing.Journal;
import io.vruksha.retail.memory.InMemoryInvoiceSequence;
import io.vruksha.retail.memory.InMemoryJournal;
import io.vruksha.retail.money.Money;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TillLedger} adapter must do. */
public abstract class TillLedgerContract {

  private static final StoreId S1 = StoreId.of("s1");
  private static final StoreId S2 = StoreId.of("s2");
  private static final Instant T0 = Instant.parse("2026-11-24T09:00:00.123456Z");
  private TillLedger ledger;

  /** A new, empty ledger for each test; the stores s1 and s2 exist where an adapter needs them. */
  protected abstract TillLedger newLedger();

  @BeforeEach
  void setUp() {
    ledger = newLedger();
  }

  /** A till's chain of {@code n} sales, as its own journal made it. */
  static List<FiscalDocument> chain(StoreId store, String till, int n) {
    FiscalJournal journal =
        new FiscalJournal(new InMemoryJournal(), new InMemoryInvoiceSequence(), Optional.of(till));
    List<FiscalDocument> entries = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Instant at = T0.plusSeconds(60L * i);
      entries.add(
          journal.append(
              store,
              DocumentKind.INVOICE,
              journal.nextNumber(store, "S001", at),
              at,
              Money.of(i + ".99", "EUR"),
              Money.of("0.19", "EUR"),
              "L|MUG|" + i + "|" + i + ".99 EUR|0.19 EUR\n"));
    }
    return entries;
  }

  @Test
  void aTillTheCentreNeverHeardOfStartsAtZeroAndTheGenesisHash() {
    assertThat(ledger.position(S1, "T01")).isEqualTo(new TillPosition(0, Journal.GENESIS));
    assertThat(ledger.entries(S1, "T01")).isEmpty();
    assertThat(ledger.tills(S1)).isEmpty();
  }

  @Test
  void acceptedEntriesAreKeptVerbatimAndMoveThePosition() {
    List<FiscalDocument> chain = chain(S1, "T01", 3);
    chain.forEach(e -> ledger.accept(S1, "T01", e));
    assertThat(ledger.entries(S1, "T01")).containsExactlyElementsOf(chain);
    assertThat(ledger.position(S1, "T01")).isEqualTo(new TillPosition(3, chain.get(2).hash()));
    assertThat(FiscalJournal.verify(ledger.entries(S1, "T01"))).isEmpty();
    assertThat(chain.get(0).number()).isEqualTo("S001-T01-2026-000001");
  }

  @Test
  void eachTillOfEachStoreHasItsOwnChain() {
    chain(S1, "T02", 2).forEach(e -> ledger.accept(S1, "T02", e));
    chain(S1, "T01", 1).forEach(e -> ledger.accept(S1, "T01", e));
    chain(S2, "T01", 4).forEach(e -> ledger.accept(S2, "T01", e));
    assertThat(ledger.tills(S1)).containsExactly("T01", "T02");
    assertThat(ledger.position(S1, "T01").acceptedUpTo()).isEqualTo(1);
    assertThat(ledger.position(S1, "T02").acceptedUpTo()).isEqualTo(2);
    assertThat(ledger.position(S2, "T01").acceptedUpTo()).isEqualTo(4);
    assertThat(ledger.entries(S2, "T01")).hasSize(4);
  }

  @Test
  void anEntryThatDoesNotFollowThePositionIsRefused() {
    List<FiscalDocument> chain = chain(S1, "T01", 3);
    ledger.accept(S1, "T01", chain.get(0));
    assertThatThrownBy(() -> ledger.accept(S1, "T01", chain.get(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ledger.accept(S1, "T01", chain.get(0)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ledger.position(S1, "T01").acceptedUpTo()).isEqualTo(1);
  }

  @Test
  void flagsAreKeptPerStoreInTheOrderRecorded() {
    TillFlag mug =
        new TillFlag(S1, "T01", 4, "S001-T01-2026-000004", TillFlag.Kind.OVERSOLD, "MUG", "-1");
    TillFlag points =
        new TillFlag(
            S1, "T02", 2, "S001-T02-2026-000002", TillFlag.Kind.POINTS_SHORT, "joe", "200");
    ledger.flag(mug);
    ledger.flag(points);
    ledger.flag(
        new TillFlag(S2, "T01", 1, "S001-T01-2026-000001", TillFlag.Kind.OVERSOLD, "TEE", "-3"));
    assertThat(ledger.flags(S1)).containsExactly(mug, points);
    assertThat(mug.describe())
        .isEqualTo("oversold offline by till T01: MUG -1 (S001-T01-2026-000004)");
  }
}
