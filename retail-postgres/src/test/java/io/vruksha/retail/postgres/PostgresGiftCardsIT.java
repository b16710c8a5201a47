package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.giftcard.GiftCard;
import io.vruksha.retail.giftcard.GiftCardContract;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gift card contract on PostgreSQL (32 tills on one card included), plus what only the database
 * holds: the ledger is append-only.
 */
class PostgresGiftCardsIT extends GiftCardContract {

  private PostgresDatabase db;

  @Override
  protected RetailEngine newEngine(Clock clock) {
    db = TestDatabase.fresh();
    return PostgresAdapters.use(db, RetailEngine.builder().clock(clock)).build();
  }

  @Test
  void theLedgerIsNeverChangedOrRemoved() {
    List<GiftCard> cards = twoCards();
    assertThatThrownBy(
            () ->
                db.jdbi()
                    .useHandle(
                        h -> h.execute("UPDATE gift_card_entries SET amount = 1000 WHERE true")))
        .hasMessageContaining("gift card ledger entries are never changed or removed");
    assertThatThrownBy(
            () -> db.jdbi().useHandle(h -> h.execute("DELETE FROM gift_card_entries WHERE true")))
        .hasMessageContaining("gift card ledger entries are never changed or removed");
    assertThat(engine.giftCards().ledger(STORE, cards.get(0).id())).hasSize(1);
  }
}
