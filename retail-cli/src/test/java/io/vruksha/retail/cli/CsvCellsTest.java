package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every CSV the command line writes: no cell a spreadsheet runs as a formula. */
class CsvCellsTest {

  @TempDir Path dir;

  @Test
  void aCellStartingWithAFormulaCharacterGetsAQuoteBeforeIt() {
    assertThat(CsvCells.neutralise("=HYPERLINK(\"http://evil.example\",\"click\")"))
        .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
    assertThat(CsvCells.neutralise("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
    assertThat(CsvCells.neutralise("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvCells.neutralise("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
    assertThat(CsvCells.neutralise("\t=1")).isEqualTo("'\t=1");
    assertThat(CsvCells.neutralise("\r=1")).isEqualTo("'\r=1");
    assertThat(CsvCells.neutralise("  =1+1")).isEqualTo("'  =1+1");
    // found by CsvCellsPropertiesTest: a line break before the formula
    assertThat(CsvCells.neutralise("\n=1+1")).isEqualTo("'\n=1+1");
    assertThat(CsvCells.neutralise("＝1+1")).isEqualTo("'＝1+1");
  }

  @Test
  void plainNumbersStayNumbersEvenWithASign() {
    assertThat(CsvCells.neutralise("-12.50")).isEqualTo("-12.50");
    assertThat(CsvCells.neutralise("+3")).isEqualTo("+3");
    assertThat(CsvCells.neutralise("-0.125")).isEqualTo("-0.125");
    assertThat(CsvCells.neutralise("239.88")).isEqualTo("239.88");
    // not plain: an exponent, a unit, an expression
    assertThat(CsvCells.neutralise("-2E3")).isEqualTo("'-2E3");
    assertThat(CsvCells.neutralise("-12.50 EUR")).isEqualTo("'-12.50 EUR");
    assertThat(CsvCells.neutralise("-")).isEqualTo("'-");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    assertThat(CsvCells.neutralise("")).isEmpty();
    assertThat(CsvCells.neutralise("TEE-M")).isEqualTo("TEE-M");
    assertThat(CsvCells.neutralise("a=b")).isEqualTo("a=b");
    assertThat(CsvCells.neutralise("2026-11-02")).isEqualTo("2026-11-02");
    assertThat(CsvCells.neutralise("'=already")).isEqualTo("'=already");
  }

  @Test
  void aListingsCsvNeutralisesFormulasAndKeepsNegativeAmountsNumeric() throws Exception {
    Listing listing =
        new Listing("sku", "name", "revenue", "=cmd")
            .add("MUG", "=HYPERLINK(\"http://evil.example\")", "-12.50", "@x")
            .add("TEE-M", "T-shirt", "14.97", null);

    StringWriter out = new StringWriter();
    listing.print(new PrintWriter(out), OutputFormat.csv);
    List<CSVRecord> rows = CSVFormat.DEFAULT.parse(new StringReader(out.toString())).getRecords();

    assertThat(rows.get(0).toList()).containsExactly("sku", "name", "revenue", "'=cmd");
    assertThat(rows.get(1).toList())
        .containsExactly("MUG", "'=HYPERLINK(\"http://evil.example\")", "-12.50", "'@x");
    assertThat(rows.get(2).toList()).containsExactly("TEE-M", "T-shirt", "14.97", "");
  }

  @Test
  void theTableAndJsonOutputsShowValuesAsTheyAre() {
    Listing listing = new Listing("name").add("=1+1");

    assertThat(listing.table()).contains("=1+1").doesNotContain("'=");
    assertThat(listing.json()).contains("\"=1+1\"");
  }

  @Test
  void aRejectedRowsFormulaCellIsNeutralisedInTheRejectsFile() throws Exception {
    Path file = dir.resolve("rejects.csv");
    StringWriter err = new StringWriter();
    try (ImportRejects rejects =
        new ImportRejects(
            file, true, List.of("sku", "name", "price"), new PrintWriter(err, true))) {
      rejects.add(
          new ImportReader.Row(
              2,
              Map.of(),
              List.of("P-1", "=HYPERLINK(\"http://evil.example\",\"click\")", "-12.50"),
              null),
          "price: -12.50 is negative");
    }

    List<CSVRecord> rows =
        CSVFormat.DEFAULT.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8)).getRecords();
    assertThat(rows.get(0).toList()).containsExactly("line", "reason", "sku", "name", "price");
    assertThat(rows.get(1).toList())
        .containsExactly(
            "2",
            "price: -12.50 is negative",
            "P-1",
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "-12.50");
  }
}
