package io.vruksha.retail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place every CSV the command line writes passes its cells through (the {@code --format
 * csv} listings and reports, the import's {@code --rejects} file), so that a spreadsheet opening
 * the file never runs a cell as a formula (CSV injection, OWASP).
 *
 * <p>A cell is neutralised — a {@code '} put before it, which spreadsheets read as "text" and do
 * not show — when its first character is {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return, or their full-width forms ({@code ＝＋－＠}, which some spreadsheets take as the
 * ASCII ones), or when its first character after leading white space (spaces, line breaks) is one
 * of those four.
 *
 * <p>A plain decimal number is left as it is, even when it starts with {@code -} or {@code +}: a
 * refund of {@code -12.50} stays a number a spreadsheet sums and that our own imports read back.
 * "Plain" means an optional sign, digits and an optional fraction ({@code -12.50}, {@code +3},
 * {@code -0.125}), nothing else: {@code -1+1}, {@code -2E3} or {@code -12.50 EUR} are neutralised.
 *
 * <p>Stateless and thread-safe.
 */
final class CsvCells {

  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private CsvCells() {}

  /** {@code cell}, with a {@code '} before it when a spreadsheet would take it for a formula. */
  static String neutralise(String cell) {
    if (cell.isEmpty() || !startsFormula(cell) || PLAIN_NUMBER.matcher(cell).matches()) {
      return cell;
    }
    return "'" + cell;
  }

  /** Every value of a record as a neutralised string ({@code null} as empty). */
  static List<String> record(Iterable<?> values) {
    List<String> cells = new ArrayList<>();
    for (Object value : values) {
      cells.add(value == null ? "" : neutralise(value.toString()));
    }
    return cells;
  }

  private static boolean startsFormula(String cell) {
    char first = cell.charAt(0);
    if (first == '\t' || first == '\r' || trigger(first)) {
      return true;
    }
    // some spreadsheets trim white space (a space, a line break) before they look at a cell
    int i = 0;
    while (i < cell.length() && Character.isWhitespace(cell.charAt(i))) {
      i++;
    }
    return i < cell.length() && trigger(cell.charAt(i));
  }

  private static boolean trigger(char c) {
    return switch (c) {
      case '=', '+', '-', '@', '＝', '＋', '－', '＠' -> true;
      default -> false;
    };
  }
}
