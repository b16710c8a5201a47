package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportReaderTest {

  @TempDir Path dir;

  private List<ImportReader.Row> read(String name, byte[] content, boolean csv, char delimiter)
      throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    ImportMapping mapping =
        ImportMapping.of(Set.of("sku", "name", "price"), List.of("Item=sku"), null);
    List<ImportReader.Row> rows = new ArrayList<>();
    try (ImportReader r = new ImportReader(file, csv, delimiter, StandardCharsets.UTF_8, mapping)) {
      for (ImportReader.Row row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private List<ImportReader.Row> csv(String text) throws Exception {
    return read("f.csv", text.getBytes(StandardCharsets.UTF_8), true, ',');
  }

  @Test
  void quotedFieldsMaySpanLinesAndLineNumbersAreWhereARecordStarts() throws Exception {
    List<ImportReader.Row> rows =
        csv(
            "\uFEFFItem,Name,Price\n\nA-1,\"Two\nlines, and \"\"quotes\"\"\",1.00\nA-2,Plain,2.00\n");
    assertThat(rows).extracting(ImportReader.Row::line).containsExactly(3L, 5L);
    assertThat(rows.get(0).fields())
        .containsEntry("sku", "A-1")
        .containsEntry("name", "Two\nlines, and \"quotes\"")
        .containsEntry("price", "1.00");
    assertThat(rows.get(1).broken()).isFalse();
  }

  @Test
  void anUnclosedQuoteCostsOnlyItsOwnLine() throws Exception {
    List<ImportReader.Row> rows =
        csv("Item,name,price\nA-1,\"Open,1.00\nA-2,Fine,2.00\nA-3,Also fine,3.00\n");
    assertThat(rows).extracting(ImportReader.Row::line).containsExactly(2L, 3L, 4L);
    assertThat(rows.get(0).error()).contains("never closed");
    assertThat(rows.get(1).fields()).containsEntry("sku", "A-2");
    assertThat(rows.get(2).fields()).containsEntry("name", "Also fine");
  }

  @Test
  void strayQuotesWrongColumnCountsAndBadBytesAreRowErrors() throws Exception {
    byte[] bad = {'A', '-', '9', ',', 'C', 'a', 'f', (byte) 0xC3, ',', '1', '\n'};
    byte[] head =
        "sku,name,price\nA-1,\"x\"y,1\nA-2,Only two\nA-3,Mid\"quote,3\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    List<ImportReader.Row> rows = read("g.csv", all, true, ',');
    assertThat(rows).extracting(ImportReader.Row::line).containsExactly(2L, 3L, 4L, 5L);
    assertThat(rows.get(0).error()).startsWith("malformed CSV");
    assertThat(rows.get(1).error()).isEqualTo("has 2 columns, the header has 3");
    assertThat(rows.get(2).fields()).containsEntry("name", "Mid\"quote");
    assertThat(rows.get(3).error()).contains("not valid UTF-8");
  }

  @Test
  void otherDelimitersAndJsonLines() throws Exception {
    assertThat(read("h.csv", "Item;price\nA-1;1,50\n".getBytes(StandardCharsets.UTF_8), true, ';'))
        .singleElement()
        .satisfies(
            r -> assertThat(r.fields()).containsEntry("sku", "A-1").containsEntry("price", "1,50"));
    List<ImportReader.Row> rows =
        read(
            "j.jsonl",
            "{\"Item\":\"A-1\",\"price\":4.10,\"other\":1}\n[1,2]\n{broken\n"
                .getBytes(StandardCharsets.UTF_8),
            false,
            ',');
    assertThat(rows.get(0).fields())
        .containsOnlyKeys("sku", "price")
        .containsEntry("price", "4.10");
    assertThat(rows.get(1).error()).contains("must be an object");
    assertThat(rows.get(2).error()).startsWith("not valid JSON");
  }

  @Test
  void mappingsNameKnownFields() throws Exception {
    ImportMapping m =
        ImportMapping.of(Set.of("sku", "name"), List.of("Item No=sku, Bezeichnung=name"), null);
    assertThat(m.fieldFor("item no")).isEqualTo("sku");
    assertThat(m.fieldFor("Bezeichnung")).isEqualTo("name");
    assertThat(m.fieldFor("SKU")).isNull(); // mapped from Item No instead
    assertThat(ImportMapping.of(Set.of("sku"), List.of(), null).fieldFor(" SKU ")).isEqualTo("sku");
    assertThatThrownBy(() -> ImportMapping.of(Set.of("sku"), List.of("A=price"), null))
        .hasMessageContaining("'price' is not a field");
    assertThatThrownBy(() -> ImportMapping.of(Set.of("sku"), List.of("nonsense"), null))
        .hasMessageContaining("is not a mapping");
  }

  @Test
  void aColumnMappedTwiceFillsBothFieldsAndDefaultsFillWhatIsMissingOrBlank() throws Exception {
    Path file = dir.resolve("two.csv");
    Files.writeString(file, "Product ID,Name,Price\nP-1,Mug,\nP-2,,2.00\n");
    ImportMapping mapping =
        ImportMapping.of(
            Set.of("sku", "product_id", "name", "price", "tax_category"),
            List.of("Product ID=product_id,Product ID=sku"),
            null);
    Map<String, String> defaults =
        ImportMapping.defaults(
            Set.of("sku", "product_id", "name", "price", "tax_category"),
            List.of("price=9.99", "Tax Category=standard"));
    List<ImportReader.Row> rows = new ArrayList<>();
    try (ImportReader r =
        new ImportReader(file, true, ',', StandardCharsets.UTF_8, mapping, defaults)) {
      assertThat(r.fields()).containsExactly("product_id", "sku", "name", "price");
      for (ImportReader.Row row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    assertThat(mapping.fieldsFor("product id")).containsExactly("product_id", "sku");
    assertThat(rows.get(0).fields())
        .containsEntry("product_id", "P-1")
        .containsEntry("sku", "P-1")
        .containsEntry("price", "9.99") // blank: the default
        .containsEntry("tax_category", "standard"); // no column: the default
    assertThat(rows.get(1).fields()).containsEntry("price", "2.00").containsEntry("name", "");
    // the rejects file gets the row as it was in the file
    assertThat(rows.get(0).original()).containsExactly("P-1", "Mug", "");
  }

  @Test
  void aDefaultMustNameAFieldAndHaveAnEqualsSign() {
    assertThatThrownBy(() -> ImportMapping.defaults(Set.of("tax"), List.of("vat=0")))
        .hasMessage("--default vat: not a field of this import; use one of [tax]");
    assertThatThrownBy(() -> ImportMapping.defaults(Set.of("tax"), List.of("tax")))
        .hasMessage("--default 'tax' is not a default: write field=value");
    assertThat(ImportMapping.defaults(Set.of("tax"), List.of("tax=")))
        .containsEntry("tax", ""); // an empty default fills nothing a blank would not
  }
}
