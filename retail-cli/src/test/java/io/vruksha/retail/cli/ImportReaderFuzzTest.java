package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Jazzer fuzz target for the import file parser. In a normal build ({@code mvn verify}) it runs in
 * regression mode: every file under {@code src/test/resources/io/vruksha/retail/cli/
 * ImportReaderFuzzTestInputs/readsAnyFile/} is fed through once. To fuzz for longer, see
 * docs/reliability.md ({@code JAZZER_FUZZ=1}).
 *
 * <p>The first bytes choose the format (CSV or JSON lines), the delimiter and the charset; the rest
 * is the file. Whatever the bytes, the reader either refuses the whole file with an {@link
 * ImportFileException} (no header) or hands back rows in file order, each with a line number and
 * either fields or an error; any other exception is a finding.
 */
class ImportReaderFuzzTest {

  private static final char[] DELIMITERS = {',', ';', '\t', '|'};
  private static final List<Charset> CHARSETS =
      List.of(
          StandardCharsets.UTF_8,
          StandardCharsets.ISO_8859_1,
          Charset.forName("windows-1252"),
          StandardCharsets.UTF_16);

  @FuzzTest(maxDuration = "30s")
  void readsAnyFile(FuzzedDataProvider data) throws Exception {
    boolean csv = data.consumeBoolean();
    char delimiter = DELIMITERS[data.consumeInt(0, DELIMITERS.length - 1)];
    Charset charset = CHARSETS.get(data.consumeInt(0, CHARSETS.size() - 1));
    byte[] content = data.consumeRemainingAsBytes();
    Path file = Files.createTempFile("fuzz-import", csv ? ".csv" : ".jsonl");
    try {
      Files.write(file, content);
      ImportReaderPropertiesTest.readAll(file, csv, delimiter, charset, content);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static ImportMapping mapping() throws IOException {
    return ImportMapping.of(Set.of("sku", "name", "price"), List.of("Item=sku"), null);
  }

  static void checkRow(ImportReader.Row row, long previous, long lines) {
    assertThat(row.line()).as("line numbers ascend").isGreaterThan(previous);
    assertThat(row.line()).as("a line of the file").isLessThanOrEqualTo(lines);
    if (row.broken()) {
      assertThat(row.error()).isNotBlank();
      assertThat(row.fields()).isEmpty();
    }
  }
}
