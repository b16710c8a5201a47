package io.vruksha.examples.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.stock.StockKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueImportTest {

  @TempDir Path dir;

  @Test
  void importsTheExampleFilesAndAFaultyRowIsReportedWhileTheRestGoIn() throws Exception {
    Path data = Path.of("..", "data");
    for (String f : List.of("products.csv", "prices.csv", "stock.csv")) {
      Files.copy(data.resolve(f), dir.resolve(f));
    }
    // one more product with a wrong check digit
    Files.writeString(
        dir.resolve("products.csv"),
        "scarf,SCARF,Scarf,apparel,standard,ea,4006381334045,ACTIVE\n",
        StandardOpenOption.APPEND);
    RetailEngine engine = DemoStore.inMemory();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    List<CatalogueImport.Outcome> outcomes =
        CatalogueImport.run(engine, dir, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertThat(outcomes).extracting(CatalogueImport.Outcome::imported).containsExactly(3, 3, 3);
    assertThat(outcomes.get(0).rejected()).singleElement().asString().startsWith("line 5: ");
    assertThat(engine.catalog().item(Sku.of("SOCKS-S"))).isPresent();
    assertThat(engine.catalog().item(Sku.of("SCARF"))).isEmpty();
    assertThat(engine.stock().ledger().level(StockKey.floor(DemoStore.ID, Sku.of("TEA"))).onHand())
        .isEqualByComparingTo("25");
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .contains("imported 3 products", "rejected line 5");
  }
}
