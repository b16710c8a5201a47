package io.vruksha.retail.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gift card contract through an engine on a SQLite file (32 tills on one card included), plus
 * what only the file holds: the ledger is append-only.
 */
class SqliteGiftCardsTest extends GiftCardContract {

  @TempDir Path dir;
  private SqliteDatabase db;

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  protected RetailEngine newEngine(Clock clock) {
    db = SqliteDatabase.open(dir.resolve("till.db"));
    return SqliteAdapters.use(db, RetailEngine.builder()).clock(clock).build();
  }

  @Test
  void theLedgerIsNeverChangedOrRemoved() {
    List<GiftCard> cards = twoCards();
    assertThatThrownBy(
            () -> db.withHandle(h -> h.execute("UPDATE gift_card_entries SET amount = '1000'")))
        .hasMessageContaining("gift card ledger entries are never changed or removed");
    assertThatThrownBy(() -> db.withHandle(h -> h.execute("DELETE FROM gift_card_entries")))
        .hasMessageContaining("gift card ledger entries are never changed or removed");
    assertThat(engine.giftCards().ledger(STORE, cards.get(0).id())).hasSize(1);
  }
}
