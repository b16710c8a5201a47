package io.vruksha.retail.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PriceBook} adapter must show. An adapter's test extends this class and
 * supplies a fresh, empty book.
 */
public abstract class PriceBookContract {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Sku MILK = Sku.of("MILK-1L");
  private static final StoreId BERLIN = StoreId.of("berlin");
  private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

  private PriceBook book;

  /** A new, empty book for each test. */
  protected abstract PriceBook newBook();

  @BeforeEach
  void setUp() {
    book = newBook();
  }

  @Test
  void savedListsAreFoundById() {
    PriceList list = PriceList.standard(PriceListId.of("retail"), "Retail", EUR, true);
    book.saveList(list);
    assertThat(book.list(PriceListId.of("retail"))).contains(list);
    assertThat(book.list(PriceListId.of("nope"))).isEmpty();
    assertThat(book.lists()).containsExactly(list);
  }

  @Test
  void everyPriceChangeIsKeptInOrder() {
    book.saveList(PriceList.standard(PriceListId.of("retail"), "Retail", EUR, true));
    book.setPrice(PriceListId.of("retail"), MILK, UnitPrice.of("1.19", "EUR"), T0, "anna");
    book.setPrice(
        PriceListId.of("retail"), MILK, UnitPrice.of("1.29", "EUR"), T0.plusSeconds(60), "ben");

    List<PriceChange> history = book.history(MILK);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).before()).isEmpty();
    assertThat(history.get(0).after()).isEqualTo(UnitPrice.of("1.19", "EUR"));
    assertThat(history.get(1).before()).contains(UnitPrice.of("1.19", "EUR"));
    assertThat(history.get(1).after()).isEqualTo(UnitPrice.of("1.29", "EUR"));
    assertThat(history.get(1).changedBy()).isEqualTo("ben");
    assertThat(book.entries(MILK, BERLIN, EUR))
        .singleElement()
        .extracting(PriceEntry::price)
        .isEqualTo(UnitPrice.of("1.29", "EUR"));
  }

  @Test
  void entriesCoverThisStoreAndAllStoresInTheCurrencyOnly() {
    book.saveList(PriceList.standard(PriceListId.of("all"), "All stores", EUR, true));
    book.saveList(
        PriceList.standard(PriceListId.of("munich"), "Munich", EUR, true)
            .forStore(StoreId.of("munich")));
    book.saveList(
        PriceList.standard(PriceListId.of("berlin"), "Berlin", EUR, true).forStore(BERLIN));
    book.saveList(
        PriceList.standard(PriceListId.of("chf"), "Swiss", Currency.getInstance("CHF"), true));
    book.setPrice(PriceListId.of("all"), MILK, UnitPrice.of("1.19", "EUR"), T0, "a");
    book.setPrice(PriceListId.of("munich"), MILK, UnitPrice.of("1.09", "EUR"), T0, "a");
    book.setPrice(PriceListId.of("berlin"), MILK, UnitPrice.of("1.15", "EUR"), T0, "a");
    book.setPrice(PriceListId.of("chf"), MILK, UnitPrice.of("1.40", "CHF"), T0, "a");

    assertThat(book.entries(MILK, BERLIN, EUR))
        .extracting(e -> e.list().id().value())
        .containsExactlyInAnyOrder("all", "berlin");
    assertThat(book.entries(Sku.of("OTHER"), BERLIN, EUR)).isEmpty();
  }

  @Test
  void pricingInAnUnknownListOrTheWrongCurrencyChangesNothing() {
    book.saveList(PriceList.standard(PriceListId.of("retail"), "Retail", EUR, true));
    assertThatThrownBy(
            () ->
                book.setPrice(PriceListId.of("ghost"), MILK, UnitPrice.of("1.00", "EUR"), T0, "a"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                book.setPrice(PriceListId.of("retail"), MILK, UnitPrice.of("1.00", "USD"), T0, "a"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(book.history(MILK)).isEmpty();
    assertThat(book.entries(MILK, BERLIN, EUR)).isEmpty();
  }

  @Test
  void replacingAListHeaderKeepsItsPrices() {
    PriceList list = PriceList.standard(PriceListId.of("retail"), "Retail", EUR, true);
    book.saveList(list);
    book.setPrice(list.id(), MILK, UnitPrice.of("1.19", "EUR"), T0, "a");
    book.saveList(list.withPriority(5));
    assertThat(book.entries(MILK, BERLIN, EUR))
        .singleElement()
        .satisfies(e -> assertThat(e.list().priority()).isEqualTo(5));
    assertThat(book.list(list.id()).map(PriceList::priority)).isEqualTo(Optional.of(5));
  }
}
