package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Whatever a cell holds, the CSV we write never hands a spreadsheet a formula, and a plain number
 * comes back as the same number.
 */
class CsvCellsPropertiesTest {

  /**
   * A spreadsheet's rule, written apart from {@link CsvCells}: a cell is run as a formula when it
   * starts with = + - @ (ASCII or full width), a tab or a carriage return, or with = + - @ after
   * leading spaces, unless the whole cell is a number. A cell starting with ' is text.
   */
  private static boolean spreadsheetRunsAsFormula(String cell) {
    if (cell.isEmpty() || cell.charAt(0) == '\'') {
      return false;
    }
    if (NUMBER.matcher(cell).matches()) {
      return false;
    }
    String trimmed = cell.stripLeading();
    char first = cell.charAt(0);
    return "=+-@＝＋－＠\t\r".indexOf(first) >= 0
        || (!trimmed.isEmpty() && "=+-@＝＋－＠".indexOf(trimmed.charAt(0)) >= 0);
  }

  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  @Property(tries = 5000)
  void noWrittenCellIsAFormula(@ForAll("cells") String cell) throws IOException {
    String csv = new Listing("value").add(cell).csv();
    List<CSVRecord> rows = CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();

    String readBack = rows.get(1).get(0);
    assertThat(spreadsheetRunsAsFormula(readBack))
        .as("cell %s read back as %s", cell, readBack)
        .isFalse();
  }

  @Property(tries = 500)
  void aPlainAmountReadsBackAsTheSameNumber(@ForAll @Scale(2) BigDecimal amount)
      throws IOException {
    String csv = new Listing("amount").add(amount.toPlainString()).csv();
    List<CSVRecord> rows = CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();

    assertThat(new BigDecimal(rows.get(1).get(0))).isEqualTo(amount);
  }

  @Property(tries = 1000)
  void textNotStartingAFormulaIsWrittenUnchanged(@ForAll("cells") String cell) {
    if (!spreadsheetRunsAsFormula(cell)) {
      assertThat(CsvCells.neutralise(cell)).isEqualTo(cell);
    }
  }

  @Provide
  Arbitrary<String> cells() {
    Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(20);
    Arbitrary<String> formulaLike =
        Arbitraries.of(
                "=", "+", "-", "@", "\t", "\r", "\n", " =", "  +", "\n=", "\u2003@", "＝", "－", "'",
                "")
            .flatMap(
                prefix ->
                    Arbitraries.strings()
                        .withChars("0123456789.=+-@ ()ABC,\"'\n|!")
                        .ofMaxLength(12)
                        .map(rest -> prefix + rest));
    return Arbitraries.oneOf(anyText, formulaLike);
  }
}
