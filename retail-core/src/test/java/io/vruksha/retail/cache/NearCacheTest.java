package io.vruksha.retail.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.CachingCatalog;
import io.vruksha.retail.catalog.Catalog;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.memory.InMemoryCatalog;
import io.vruksha.retail.memory.InMemoryPriceBook;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.pricing.CachingPriceBook;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.store.StoreId;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NearCacheTest {

  private static final Currency EUR = Currency.getInstance("EUR");

  /** A catalogue that counts the reads reaching it. */
  private static Catalog counting(Catalog real, AtomicInteger reads) {
    return (Catalog)
        Proxy.newProxyInstance(
            Catalog.class.getClassLoader(),
            new Class<?>[] {Catalog.class},
            (proxy, method, args) -> {
              if (method.getName().equals("item") || method.getName().equals("itemByBarcode")) {
                reads.incrementAndGet();
              }
              return method.invoke(real, args);
            });
  }

  private static Product mug(String name) {
    return Product.builder(ProductId.of("mug"))
        .name(name)
        .category(CategoryId.of("kitchen"))
        .taxCategory(TaxCategory.of("standard"))
        .variant(Sku.of("MUG"), name, UnitOfMeasure.EACH, "96385074")
        .build();
  }

  @Test
  void repeatedItemReadsAreServedFromTheCacheUntilAWriteDropsThem() {
    AtomicInteger reads = new AtomicInteger();
    Catalog catalog =
        new CachingCatalog(
            counting(new InMemoryCatalog(), reads),
            new CaffeineCache(1_000),
            Duration.ofMinutes(5));
    catalog.save(mug("Mug"));
    for (int i = 0; i < 5; i++) {
      assertThat(catalog.item(Sku.of("MUG")).map(SellableItem::name)).contains("Mug");
      assertThat(catalog.itemByBarcode(Barcode.parse("96385074"))).isPresent();
    }
    assertThat(reads).hasValue(2); // one item read, one barcode read
    catalog.save(mug("Stoneware mug"));
    assertThat(catalog.item(Sku.of("MUG")).map(SellableItem::name)).contains("Stoneware mug");
    assertThat(reads).hasValue(3);
  }

  @Test
  void aPriceChangeIsSeenAtOnce() {
    CachingPriceBook book =
        new CachingPriceBook(
            new InMemoryPriceBook(), new CaffeineCache(1_000), Duration.ofMinutes(5));
    book.saveList(PriceList.standard(PriceListId.of("retail"), "Retail", EUR, true));
    book.setPrice(
        PriceListId.of("retail"), Sku.of("MUG"), UnitPrice.of("4.99", "EUR"), Instant.EPOCH, "a");
    assertThat(book.entries(Sku.of("MUG"), StoreId.of("s"), EUR))
        .extracting(PriceEntry::price)
        .containsExactly(UnitPrice.of("4.99", "EUR"));
    book.setPrice(
        PriceListId.of("retail"), Sku.of("MUG"), UnitPrice.of("3.99", "EUR"), Instant.EPOCH, "a");
    assertThat(book.entries(Sku.of("MUG"), StoreId.of("s"), EUR))
        .extracting(PriceEntry::price)
        .containsExactly(UnitPrice.of("3.99", "EUR"));
  }

  @Test
  void entriesExpireAfterTheirTimeToLive() throws InterruptedException {
    CaffeineCache cache = new CaffeineCache(10);
    cache.put("a", "value", Duration.ofMillis(30));
    assertThat(cache.get("a", String.class)).contains("value");
    assertThat(cache.get("a", Integer.class)).isEmpty();
    Thread.sleep(80);
    assertThat(cache.get("a", String.class)).isEmpty();
  }
}
