package io.vruksha.retail.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.memory.InMemoryInvoiceSequence;
import io.vruksha.retail.memory.InMemoryJournal;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FiscalJournalNumberTest {

  @Test
  void numbersArePaddedToSixDigitsAndGrowPastThem() {
    assertThat(FiscalJournal.number("S001", 2026, 1)).isEqualTo("S001-2026-000001");
    assertThat(FiscalJournal.number("S001", 2026, 999_999)).isEqualTo("S001-2026-999999");
    assertThat(FiscalJournal.number("S001", 2026, 1_000_000)).isEqualTo("S001-2026-1000000");
    assertThat(FiscalJournal.number("CN", 1999, 42)).isEqualTo("CN-1999-000042");
    assertThatThrownBy(() -> FiscalJournal.number("S001", 2026, -5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersAreAsciiWhateverTheDefaultLocaleWrites() {
    Locale before = Locale.getDefault();
    Locale beforeFormat = Locale.getDefault(Locale.Category.FORMAT);
    Locale beforeDisplay = Locale.getDefault(Locale.Category.DISPLAY);
    try {
      // Thai digits: String.format("%06d", 7) gives "๐๐๐๐๐๗" under this locale
      Locale thai = Locale.forLanguageTag("th-TH-u-nu-thai");
      Locale.setDefault(thai);
      assertThat(String.format("%06d", 7)).isNotEqualTo("000007");
      FiscalJournal journal =
          new FiscalJournal(new InMemoryJournal(), new InMemoryInvoiceSequence());
      StoreId store = StoreId.of("demo");
      Instant at = Instant.parse("2026-11-25T10:00:00Z");
      assertThat(journal.nextNumber(store, "S001", at)).isEqualTo("S001-2026-000001");
      assertThat(journal.nextNumber(store, "S001", at)).isEqualTo("S001-2026-000002");
    } finally {
      Locale.setDefault(before);
      Locale.setDefault(Locale.Category.FORMAT, beforeFormat);
      Locale.setDefault(Locale.Category.DISPLAY, beforeDisplay);
    }
  }
}
