package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assertions;

/**
 * Hostile import files at the parser: arbitrary bytes in four charsets, CSV built from quotes,
 * delimiters, line breaks and odd Unicode, ragged column counts, and JSON lines of any shape. The
 * reader either refuses a file without a header ({@link ImportFileException}) or returns one row
 * per record in file order, each with its line number and either fields or an error; it never
 * throws anything else and never hangs. A well-formed CSV (RFC 4180 quoting) reads back exactly.
 */
class ImportReaderPropertiesTest {

  private static final List<Charset> CHARSETS =
      List.of(
          StandardCharsets.UTF_8,
          StandardCharsets.ISO_8859_1,
          Charset.forName("windows-1252"),
          StandardCharsets.UTF_16);

  /**
   * Reads {@code file} to the end and checks the reader's promises; returns the rows (empty when
   * the whole file was refused).
   */
  static List<ImportReader.Row> readAll(
      Path file, boolean csv, char delimiter, Charset charset, byte[] content) throws Exception {
    long lines = new BufferedReader(new StringReader(new String(content, charset))).lines().count();
    List<ImportReader.Row> rows = new ArrayList<>();
    Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          ImportReader reader;
          try {
            reader =
                new ImportReader(file, csv, delimiter, charset, ImportReaderFuzzTest.mapping());
          } catch (ImportFileException refused) {
            assertThat(csv).as("only a CSV file is refused whole (no header)").isTrue();
            assertThat(refused.getMessage()).isNotBlank();
            return;
          }
          try (reader) {
            long previous = 0;
            for (ImportReader.Row row = reader.next(); row != null; row = reader.next()) {
              ImportReaderFuzzTest.checkRow(row, previous, lines);
              if (csv && !row.broken()) {
                assertThat(row.original()).hasSameSizeAs(reader.header());
              }
              previous = row.line();
              rows.add(row);
              assertThat((long) rows.size())
                  .as("at most one row per line")
                  .isLessThanOrEqualTo(lines);
            }
          }
        });
    return rows;
  }

  private static List<ImportReader.Row> read(
      byte[] content, boolean csv, char delimiter, Charset charset) throws Exception {
    Path file = Files.createTempFile("import-property", csv ? ".csv" : ".jsonl");
    try {
      Files.write(file, content);
      return readAll(file, csv, delimiter, charset, content);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Property(tries = 400, seed = "20261125")
  void anyBytesAreRowsOrARefusal(
      @ForAll @Size(max = 3000) byte[] content,
      @ForAll boolean csv,
      @ForAll("delimiters") char delimiter,
      @ForAll @IntRange(min = 0, max = 3) int charset) {
    assertThatCode(() -> read(content, csv, delimiter, CHARSETS.get(charset)))
        .doesNotThrowAnyException();
  }

  @Property(tries = 400, seed = "20261125")
  void hostileCsvIsRowsOrARefusal(
      @ForAll("hostileCsv") String text,
      @ForAll("delimiters") char delimiter,
      @ForAll @IntRange(min = 0, max = 3) int charset) {
    Charset cs = CHARSETS.get(charset);
    assertThatCode(() -> read(text.getBytes(cs), true, delimiter, cs)).doesNotThrowAnyException();
  }

  @Property(tries = 300, seed = "20261125")
  void wellFormedCsvReadsBackExactly(
      @ForAll("tables") List<List<String>> table, @ForAll("delimiters") char delimiter)
      throws Exception {
    StringBuilder text = new StringBuilder("sku").append(delimiter).append("name");
    text.append(delimiter).append("price\n");
    for (List<String> row : table) {
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          text.append(delimiter);
        }
        text.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
      }
      text.append('\n');
    }
    List<ImportReader.Row> rows =
        read(text.toString().getBytes(StandardCharsets.UTF_8), true, delimiter, UTF8);
    assertThat(rows).hasSameSizeAs(table);
    for (int i = 0; i < table.size(); i++) {
      assertThat(rows.get(i).broken()).as(rows.get(i).toString()).isFalse();
      assertThat(rows.get(i).original()).isEqualTo(table.get(i));
    }
  }

  @Property(tries = 300, seed = "20261125")
  void everyJsonLineIsOneRowWithItsLineNumber(@ForAll("jsonLines") List<String> lines)
      throws Exception {
    byte[] content = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    List<ImportReader.Row> rows = read(content, false, ',', UTF8);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        expected.add(i + 1L);
      }
    }
    assertThat(rows).extracting(ImportReader.Row::line).containsExactlyElementsOf(expected);
    for (ImportReader.Row row : rows) {
      String line = lines.get((int) row.line() - 1);
      if (line.endsWith("\"extra\":{\"a\":[1,2,null]}}")) {
        assertThat(row.broken()).as(row.toString()).isFalse();
      }
    }
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  @Provide
  Arbitrary<Character> delimiters() {
    return Arbitraries.of(',', ';', '\t', '|');
  }

  private static Arbitrary<String> token() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.of(
                "\"",
                "\"\"",
                ",",
                ";",
                "\t",
                "|",
                "\n",
                "\r\n",
                "\r",
                " ",
                "sku",
                "name",
                "price",
                "Item",
                "A-1",
                "1.00",
                "\uFEFF",
                "\u0000",
                "\uD800",
                "\uDFFF",
                "\u202E",
                "\u200F",
                "\uD83D\uDE00",
                "'; DROP TABLE products; --",
                "=cmd|' /C calc'!A0",
                "\\",
                "\"\"\"",
                "\u00e9",
                "\uFFFD")),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(12)),
        Tuple.of(1, Arbitraries.strings().withChars('"', ',', '\n', 'a').ofMaxLength(80)),
        Tuple.of(1, Arbitraries.strings().withChars('x', '"').ofLength(5000)));
  }

  @Provide
  Arbitrary<String> hostileCsv() {
    return token().list().ofMaxSize(120).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> value =
        Arbitraries.frequencyOf(
            Tuple.of(
                3,
                Arbitraries.strings()
                    .all()
                    .excludeChars('\r', '\uFFFD')
                    .ofMaxLength(20)
                    .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)))),
            Tuple.of(
                2,
                Arbitraries.strings()
                    .withChars('"', ',', ';', '\t', '|', '\n', 'a', ' ')
                    .ofMaxLength(20)));
    return value.list().ofSize(3).list().ofMaxSize(15);
  }

  @Provide
  Arbitrary<List<String>> jsonLines() {
    Arbitrary<String> object =
        Arbitraries.strings()
            .alpha()
            .numeric()
            .ofMaxLength(10)
            .map(s -> "{\"sku\":\"" + s + "\",\"price\":1.5,\"extra\":{\"a\":[1,2,null]}}");
    Arbitrary<String> garbage =
        Arbitraries.of(
            "[1,2]",
            "null",
            "\"text\"",
            "{",
            "}",
            "{\"a\":",
            "1e999999999",
            "{\"sku\":" + "[".repeat(5000) + "}",
            "{\"sku\":\"\u0000\"}",
            "   ",
            "",
            "{\"sku\":\"x\",\"sku\":\"y\"}",
            "{\"price\":" + "9".repeat(2000) + "}");
    return Arbitraries.frequencyOf(
            Tuple.of(3, object),
            Tuple.of(2, garbage),
            Tuple.of(
                1,
                Arbitraries.strings()
                    .ofMaxLength(30)
                    .map(s -> s.replace('\n', ' ').replace('\r', ' '))))
        .list()
        .ofMaxSize(20);
  }
}
