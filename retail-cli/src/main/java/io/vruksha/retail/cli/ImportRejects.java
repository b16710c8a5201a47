package io.vruksha.retail.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Where rejected rows go: the --rejects file (every cell through {@link CsvCells}), and the first
 * few to stderr.
 */
final class ImportRejects implements AutoCloseable {
  private static final int SHOWN = 20;
  private final CSVPrinter printer;
  private final PrintWriter err;
  private final boolean toFile;
  private long count;

  ImportRejects(Path file, boolean csv, List<String> header, PrintWriter err) throws IOException {
    this.err = err;
    this.toFile = file != null;
    if (file == null) {
      printer = null;
      return;
    }
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    printer = new CSVPrinter(w, CSVFormat.DEFAULT);
    List<String> columns = new ArrayList<>(List.of("line", "reason"));
    if (csv) {
      columns.addAll(header);
    } else {
      columns.add("original");
    }
    printer.printRecord(CsvCells.record(columns));
  }

  void add(ImportReader.Row row, String reason) throws IOException {
    count++;
    if (printer != null) {
      List<Object> values = new ArrayList<>();
      values.add(row.line());
      values.add(reason);
      values.addAll(row.original());
      // the file's own cells are copied, but never as a formula a spreadsheet would run
      printer.printRecord(CsvCells.record(values));
    }
    if (count <= SHOWN) {
      err.println("line " + row.line() + ": " + reason);
    } else if (count == SHOWN + 1) {
      err.println(
          toFile
              ? "... (every rejected row is in the --rejects file)"
              : "... (more: use --rejects FILE)");
    }
  }

  @Override
  public void close() throws IOException {
    if (printer != null) {
      printer.close(true);
    }
  }
}
