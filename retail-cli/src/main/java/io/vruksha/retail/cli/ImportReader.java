package io.vruksha.retail.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an import file row by row, never giving up on a broken row: a row that cannot be read (bad
 * encoding, a stray quote, the wrong number of columns, a JSON line that is not an object) comes
 * back with its line number and an error, and reading goes on with the next row.
 *
 * <p>CSV: the first non-blank record is the header; a quoted field may span lines. Every record is
 * split by Commons CSV on its own, so one malformed record costs only itself: a quote that is never
 * closed within {@link #MAX_RECORD_LINES} lines (or before the end of the file) rejects the line it
 * opened on, and the lines after it are read again as records of their own. Text is decoded with
 * {@code charset}, replacing malformed bytes; a record holding a replacement character is rejected
 * as not being valid text in that charset. Not thread-safe; close it.
 */
final class ImportReader implements AutoCloseable {

  /** The most physical lines one CSV record (with quoted line breaks) may span. */
  static final int MAX_RECORD_LINES = 50;

  /** The character a decoder puts in place of bytes that are not valid text. */
  private static final char REPLACEMENT = '\uFFFD';

  /** One row of the file: its fields by canonical name, or why it could not be read. */
  record Row(long line, Map<String, String> fields, List<String> original, String error) {

    boolean broken() {
      return error != null;
    }
  }

  private record Line(long number, String text) {}

  private final BufferedReader in;
  private final boolean csv;
  private final char delimiter;
  private final ImportMapping mapping;
  private final Charset charset;
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private final CSVFormat format;
  private final ObjectMapper json =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private final Map<String, String> defaults;
  private long lineNumber;
  private List<String> header;
  private List<List<String>> fieldsOfColumn;

  ImportReader(Path file, boolean csv, char delimiter, Charset charset, ImportMapping mapping)
      throws IOException {
    this(file, csv, delimiter, charset, mapping, Map.of());
  }

  /**
   * A reader whose rows get {@code defaults} (field to value) for every field they lack or leave
   * blank.
   */
  ImportReader(
      Path file,
      boolean csv,
      char delimiter,
      Charset charset,
      ImportMapping mapping,
      Map<String, String> defaults)
      throws IOException {
    this.defaults = Map.copyOf(defaults);
    this.in =
        new BufferedReader(
            new InputStreamReader(
                Files.newInputStream(file),
                charset
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16);
    this.csv = csv;
    this.delimiter = delimiter;
    this.charset = charset;
    this.mapping = mapping;
    this.format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
    if (csv) {
      readHeader();
    }
  }

  /** The CSV header as in the file (empty for JSON lines). */
  List<String> header() {
    return header == null ? List.of() : header;
  }

  /** The canonical fields the CSV header provides (after mapping). */
  List<String> fields() {
    List<String> fields = new ArrayList<>();
    if (fieldsOfColumn != null) {
      fieldsOfColumn.forEach(fields::addAll);
    }
    return fields;
  }

  /** CSV columns the mapping does not place anywhere: they are ignored. */
  List<String> ignoredColumns() {
    List<String> ignored = new ArrayList<>();
    for (int i = 0; fieldsOfColumn != null && i < fieldsOfColumn.size(); i++) {
      if (fieldsOfColumn.get(i).isEmpty()) {
        ignored.add(header.get(i));
      }
    }
    return ignored;
  }

  private void readHeader() throws IOException {
    Line first;
    do {
      first = nextLine();
      if (first == null) {
        throw new ImportFileException("the file is empty: a CSV import needs a header row");
      }
    } while (first.text().isBlank());
    String text = first.text();
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // a byte-order mark, as spreadsheets write
    }
    if (text.indexOf(REPLACEMENT) >= 0) {
      throw new ImportFileException(
          "the header row is not valid " + charset.name() + " text; try --charset");
    }
    try {
      header = split(text);
    } catch (RuntimeException e) {
      throw new ImportFileException("the header row is not valid CSV: " + message(e));
    }
    fieldsOfColumn = new ArrayList<>();
    for (String column : header) {
      fieldsOfColumn.add(mapping.fieldsFor(column));
    }
  }

  /** The next row, or null at the end of the file. */
  Row next() throws IOException {
    return csv ? nextCsv() : nextJson();
  }

  private Line nextLine() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    String text = in.readLine();
    return text == null ? null : new Line(++lineNumber, text);
  }

  private Row nextCsv() throws IOException {
    Line first;
    do {
      first = nextLine();
      if (first == null) {
        return null;
      }
    } while (first.text().isBlank());
    QuoteState state = new QuoteState(delimiter);
    state.scan(first.text());
    String record = first.text();
    if (state.inQuotes) {
      List<Line> lines = new ArrayList<>();
      lines.add(first);
      StringBuilder text = new StringBuilder(first.text());
      while (state.inQuotes) {
        Line more = lines.size() < MAX_RECORD_LINES ? nextLine() : null;
        if (more == null) {
          // never closed: reject the line it opened on, read the others again on their own
          for (int i = lines.size() - 1; i >= 1; i--) {
            pushedBack.push(lines.get(i));
          }
          return broken(
              first.number(),
              List.of(first.text()),
              "a quoted field is never closed (stray quote?)");
        }
        lines.add(more);
        text.append('\n').append(more.text());
        state.scan(more.text());
      }
      record = text.toString();
    }
    List<String> values;
    try {
      values = split(record);
    } catch (RuntimeException e) {
      return broken(first.number(), List.of(record), "malformed CSV (stray quote?): " + message(e));
    }
    if (record.indexOf(REPLACEMENT) >= 0) {
      return broken(
          first.number(),
          values,
          "not valid " + charset.name() + " text (a byte sequence that is no character)");
    }
    if (values.size() != header.size()) {
      return broken(
          first.number(),
          values,
          "has " + values.size() + " columns, the header has " + header.size());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      for (String field : fieldsOfColumn.get(i)) {
        fields.put(field, values.get(i));
      }
    }
    fillDefaults(fields);
    return new Row(first.number(), fields, values, null);
  }

  private List<String> split(String record) {
    if (record.indexOf('"') < 0 && record.indexOf('\r') < 0) {
      // no quoting: the fields are what lies between the delimiters (Commons CSV agrees)
      List<String> values = new ArrayList<>();
      int from = 0;
      for (int at = record.indexOf(delimiter); at >= 0; at = record.indexOf(delimiter, from)) {
        values.add(record.substring(from, at));
        from = at + 1;
      }
      values.add(record.substring(from));
      return values;
    }
    try (CSVParser parser = CSVParser.parse(record, format)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!it.hasNext()) {
        return List.of("");
      }
      CSVRecord r = it.next();
      if (it.hasNext()) {
        throw new IllegalStateException("more than one record on the line");
      }
      return r.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Row nextJson() throws IOException {
    Line line;
    do {
      line = nextLine();
      if (line == null) {
        return null;
      }
    } while (line.text().isBlank());
    String text = line.text();
    if (text.indexOf(REPLACEMENT) >= 0) {
      return broken(
          line.number(),
          List.of(text),
          "not valid " + charset.name() + " text (a byte sequence that is no character)");
    }
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (IOException e) {
      return broken(line.number(), List.of(text), "not valid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      return broken(line.number(), List.of(text), "a JSON line must be an object {...}");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      JsonNode value = node.get(name);
      if (value.isNull()) {
        continue;
      }
      for (String field : mapping.fieldsFor(name)) {
        fields.put(field, value.isValueNode() ? value.asText() : value.toString());
      }
    }
    fillDefaults(fields);
    return new Row(line.number(), fields, List.of(text), null);
  }

  private void fillDefaults(Map<String, String> fields) {
    for (Map.Entry<String, String> d : defaults.entrySet()) {
      String v = fields.get(d.getKey());
      if (v == null || v.isBlank()) {
        fields.put(d.getKey(), d.getValue());
      }
    }
  }

  private static Row broken(long line, List<String> original, String why) {
    return new Row(line, Map.of(), original, why);
  }

  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return firstLine(String.valueOf(t.getMessage()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Tracks whether a CSV record's text ends inside a quoted field (RFC 4180 quoting). */
  private static final class QuoteState {
    private final char delimiter;
    private boolean inQuotes;
    private boolean fieldStart = true;
    private boolean quoteSeen;

    QuoteState(char delimiter) {
      this.delimiter = delimiter;
    }

    void scan(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (inQuotes) {
          if (quoteSeen) {
            quoteSeen = false;
            if (c != '"') {
              inQuotes = false; // the quote closed the field
              fieldStart = c == delimiter;
            }
          } else if (c == '"') {
            quoteSeen = true;
          }
        } else if (c == delimiter) {
          fieldStart = true;
        } else if (c == '"' && fieldStart) {
          inQuotes = true;
          fieldStart = false;
        } else {
          fieldStart = false;
        }
      }
      if (quoteSeen) {
        // a quote at the end of the line closed the field
        quoteSeen = false;
        inQuotes = false;
      }
    }
  }
}
