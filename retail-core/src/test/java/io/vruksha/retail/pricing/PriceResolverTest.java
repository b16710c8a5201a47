package io.vruksha.retail.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.NotFoundException;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.memory.InMemoryPriceBook;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.store.StoreId;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PriceResolverTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Sku SHIRT = Sku.of("SHIRT-M");
  private static final StoreId BERLIN = StoreId.of("berlin");
  private static final CustomerGroupId TRADE = CustomerGroupId.of("trade");
  private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

  private final InMemoryPriceBook book = new InMemoryPriceBook();
  private final PriceResolver resolver = new PriceResolver(book);

  @BeforeEach
  void standardPrice() {
    list(PriceList.standard(PriceListId.of("standard"), "Standard", EUR, true), "19.99");
  }

  private void list(PriceList list, String price) {
    book.saveList(list);
    book.setPrice(list.id(), SHIRT, UnitPrice.of(price, "EUR"), NOV_1, "test");
  }

  private PriceQuery at(Instant when) {
    return new PriceQuery(BERLIN, EUR, Optional.empty(), when);
  }

  @Test
  void theStandardListPricesWhenNothingElseApplies() {
    ResolvedPrice price = resolver.require(SHIRT, at(NOV_1));
    assertThat(price.price()).isEqualTo(UnitPrice.of("19.99", "EUR"));
    assertThat(price.list()).isEqualTo(PriceListId.of("standard"));
    assertThat(price.pricesIncludeTax()).isTrue();
  }

  @Test
  void aHigherPrioritySaleListWinsOnlyInsideItsWindow() {
    list(
        PriceList.standard(PriceListId.of("black-friday"), "Black Friday", EUR, true)
            .validBetween(
                Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"))
            .withPriority(10),
        "14.99");
    assertThat(resolver.require(SHIRT, at(Instant.parse("2026-11-26T23:59:59Z"))).price())
        .isEqualTo(UnitPrice.of("19.99", "EUR"));
    assertThat(resolver.require(SHIRT, at(Instant.parse("2026-11-27T00:00:00Z"))).price())
        .isEqualTo(UnitPrice.of("14.99", "EUR"));
    // the window is half-open: at its end the standard price is back
    assertThat(resolver.require(SHIRT, at(Instant.parse("2026-11-30T00:00:00Z"))).price())
        .isEqualTo(UnitPrice.of("19.99", "EUR"));
  }

  @Test
  void aCustomerGroupListAppliesOnlyToThatGroupAndBeatsAnEqualPriorityGeneralList() {
    list(PriceList.standard(PriceListId.of("trade"), "Trade", EUR, false).forGroup(TRADE), "15.00");
    assertThat(resolver.require(SHIRT, at(NOV_1)).list()).isEqualTo(PriceListId.of("standard"));
    ResolvedPrice trade =
        resolver.require(SHIRT, new PriceQuery(BERLIN, EUR, Optional.of(TRADE), NOV_1));
    assertThat(trade.list()).isEqualTo(PriceListId.of("trade"));
    assertThat(trade.pricesIncludeTax()).isFalse();
  }

  @Test
  void aStoreListBeatsAnAllStoresListOfEqualPriority() {
    list(
        PriceList.standard(PriceListId.of("berlin"), "Berlin", EUR, true).forStore(BERLIN),
        "21.00");
    assertThat(resolver.require(SHIRT, at(NOV_1)).price()).isEqualTo(UnitPrice.of("21.00", "EUR"));
    assertThat(
            resolver
                .require(SHIRT, new PriceQuery(StoreId.of("munich"), EUR, Optional.empty(), NOV_1))
                .price())
        .isEqualTo(UnitPrice.of("19.99", "EUR"));
  }

  @Test
  void twoEquallyRankedListsGiveTheLowerPrice() {
    list(PriceList.standard(PriceListId.of("a-other"), "Other", EUR, true), "18.50");
    assertThat(resolver.require(SHIRT, at(NOV_1)).price()).isEqualTo(UnitPrice.of("18.50", "EUR"));
  }

  @Test
  void aFutureDatedPriceTakesOverAtItsStart() {
    list(
        PriceList.standard(PriceListId.of("2027"), "2027 prices", EUR, true)
            .validBetween(DEC_1, Instant.parse("2099-01-01T00:00:00Z"))
            .withPriority(1),
        "21.99");
    assertThat(resolver.require(SHIRT, at(NOV_1)).price()).isEqualTo(UnitPrice.of("19.99", "EUR"));
    assertThat(resolver.require(SHIRT, at(DEC_1)).price()).isEqualTo(UnitPrice.of("21.99", "EUR"));
  }

  @Test
  void anUnpricedSkuIsANamedError() {
    assertThatThrownBy(() -> resolver.require(Sku.of("GHOST"), at(NOV_1)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("GHOST")
        .hasMessageContaining("berlin")
        .extracting(e -> ((NotFoundException) e).code())
        .isEqualTo(ErrorCode.PRICE_NOT_FOUND);
    assertThat(
            resolver.resolve(
                SHIRT,
                new PriceQuery(BERLIN, Currency.getInstance("USD"), Optional.empty(), NOV_1)))
        .isEmpty();
  }
}
