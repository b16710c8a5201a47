package io.vruksha.retail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Rows under named columns, printed as an aligned table, CSV or JSON. Every value is a string:
 * money is a plain decimal at the currency's scale, with the currency in a column of its own. In
 * CSV a cell a spreadsheet would run as a formula is neutralised ({@link CsvCells}); numbers stay
 * as they are.
 */
final class Listing {

  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();

  Listing(String... columns) {
    this.columns = List.of(columns);
  }

  /** Adds a row; {@code null} prints as empty. */
  Listing add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row of " + values.length + " values under " + columns.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object v : values) {
      row.add(v == null ? "" : v.toString());
    }
    rows.add(row);
    return this;
  }

  List<String> columns() {
    return columns;
  }

  List<List<String>> rows() {
    return rows;
  }

  /** Prints in {@code format}. */
  void print(PrintWriter out, OutputFormat format) {
    switch (format) {
      case table -> out.print(table());
      case csv -> out.print(csv());
      case json -> out.println(json());
    }
    out.flush();
  }

  String table() {
    int[] width = new int[columns.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = columns.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, columns, width);
    for (List<String> r : rows) {
      line(b, r, width);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> values, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < width.length; c++) {
      if (c > 0) {
        l.append("  ");
      }
      l.append(values.get(c));
      if (c < width.length - 1) {
        l.append(" ".repeat(width[c] - values.get(c).length()));
      }
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }

  String csv() {
    StringWriter w = new StringWriter();
    try (CSVPrinter p =
        new CSVPrinter(
            w,
            CSVFormat.RFC4180
                .builder()
                .setHeader(CsvCells.record(columns).toArray(String[]::new))
                .setRecordSeparator('\n')
                .get())) {
      for (List<String> r : rows) {
        p.printRecord(CsvCells.record(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  String json() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < rows.size(); i++) {
      b.append(i == 0 ? "\n  " : ",\n  ").append(object(i));
    }
    return b.append(rows.isEmpty() ? "]" : "\n]").toString();
  }

  /** Row {@code i} as one JSON object. */
  String object(int i) {
    StringBuilder b = new StringBuilder("{");
    List<String> r = rows.get(i);
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) {
        b.append(", ");
      }
      b.append(quote(columns.get(c))).append(": ").append(quote(r.get(c)));
    }
    return b.append('}').toString();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
