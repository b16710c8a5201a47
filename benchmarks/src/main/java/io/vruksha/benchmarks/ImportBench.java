package io.vruksha.benchmarks;

import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code retail import products} and {@code retail import sales} of generated files (a product a
 * row with a barcode; sales lines of three to a receipt over those products) into a fresh database,
 * each as its own JVM with {@code -Xmx256m} as a back office would run it, against {@code psql
 * \copy} of the very rows the import wrote (exported from the first database) into the same tables
 * of a second fresh database: products, product_skus, product_barcodes and the audit_log row of
 * each product for the products ({@link #PRODUCT_TABLES}); sales_history, sales_analytics_daily and
 * product_performance for the sales ({@link #SALES_TABLES}). Which tables the imports inserted
 * into, by PostgreSQL's own counters, is printed beside them ({@code import_*_wrote}).
 *
 * <p>Rows per second are rows of the file over the wall time of the process (JVM start included).
 * Each timed phase starts after a {@code CHECKPOINT}. The import's peak heap is read from its GC
 * log ({@code -Xlog:gc,gc+heap+exit}): the largest heap in use before any collection, or at exit,
 * since use only grows between collections.
 */
final class ImportBench {

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
  private static final Pattern EXIT_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private ImportBench() {}

  static Map<String, String> run(Map<String, String> env, int rows) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("import_rows", Integer.toString(rows));
    out.put("import_load_before", loadAverage());
    Path dir = Files.createTempDirectory("vruksha-import-bench");
    Path products = dir.resolve("products.csv");
    Path sales = dir.resolve("sales.csv");
    writeProducts(products, rows);
    writeSales(sales, rows);
    double peak = 0;
    double afterGc = 0;
    try (BenchDatabase a = BenchDatabase.create(env, "vruksha_import");
        BenchDatabase b = BenchDatabase.create(env, "vruksha_copy")) {
      seed(a);
      seed(b);
      Path gc = dir.resolve("gc-products.log");
      Map<String, Long> inserted = inserts(a.config);
      checkpoint(a.config, out);
      double tProducts = cli(a.config, gc, "products", products);
      peak = Math.max(peak, peakHeapMiB(gc));
      afterGc = Math.max(afterGc, mostAfterCollectionMiB(gc));
      inserted = written(a.config, inserted, out, "products", PRODUCT_TABLES.keySet());
      gc = dir.resolve("gc-sales.log");
      checkpoint(a.config, out);
      double tSales = cli(a.config, gc, "sales", sales);
      peak = Math.max(peak, peakHeapMiB(gc));
      afterGc = Math.max(afterGc, mostAfterCollectionMiB(gc));
      written(a.config, inserted, out, "sales", SALES_TABLES.keySet());

      // the rows the import wrote, exported from its database, loaded by psql into the second
      double cProducts = copy(a.config, b.config, dir, PRODUCT_TABLES, out, "products");
      double cSales = copy(a.config, b.config, dir, SALES_TABLES, out, "sales");

      figures(out, "products", rows, tProducts, cProducts);
      figures(out, "sales", rows, tSales, cSales);
      out.put("import_peak_heap_mib", String.format(Locale.ROOT, "%.0f", peak));
      out.put("import_heap_after_gc_max_mib", String.format(Locale.ROOT, "%.0f", afterGc));
      out.put("import_load_after", loadAverage());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    return out;
  }

  /**
   * A checkpoint before each timed phase, so that none starts with the pages the phase before it
   * dirtied still to be written (the baseline runs after the import and would otherwise pay for
   * writing out the import's tables). Needs a superuser or pg_checkpoint; without, the run goes on
   * and says so ({@code import_checkpoints=refused}).
   */
  private static void checkpoint(PostgresConfig db, Map<String, String> out) {
    try {
      BenchDatabase.execute(db, "CHECKPOINT");
      out.putIfAbsent("import_checkpoints", "before each phase");
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof SQLException sql)
          || !"42501".equals(sql.getSQLState())) { // insufficient_privilege
        throw e;
      }
      out.put("import_checkpoints", "refused");
    }
  }

  private static void figures(
      Map<String, String> out, String what, int rows, double importSeconds, double copySeconds) {
    double importRps = rows / importSeconds;
    double copyRps = rows / copySeconds;
    out.put("import_" + what + "_seconds", String.format(Locale.ROOT, "%.1f", importSeconds));
    out.put("copy_" + what + "_seconds", String.format(Locale.ROOT, "%.1f", copySeconds));
    out.put("import_" + what + "_rps", String.format(Locale.ROOT, "%.0f", importRps));
    out.put("copy_" + what + "_rps", String.format(Locale.ROOT, "%.0f", copyRps));
    out.put("import_" + what + "_vs_copy", String.format(Locale.ROOT, "%.2f", importRps / copyRps));
  }

  /**
   * The tables the products import writes, each with the rows of it that are the import's (the demo
   * store's own are in both databases already): the catalogue's three, and the audit trail's row a
   * product.
   */
  static final Map<String, String> PRODUCT_TABLES =
      orderedMap(
          "products", "product_id LIKE 'bench-%'",
          "product_skus", "product_id LIKE 'bench-%'",
          "product_barcodes", "sku LIKE 'BENCH-%'",
          "audit_log", "entity = 'product' AND entity_id LIKE 'bench-%'");

  /** The tables the sales import writes: the lines, and the daily and per-product figures. */
  static final Map<String, String> SALES_TABLES =
      orderedMap(
          "sales_history", "true",
          "sales_analytics_daily", "true",
          "product_performance", "true");

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /**
   * The baseline of one phase: each table's rows the import wrote, exported from {@code from} and
   * loaded with {@code psql \copy} into {@code to}, after a checkpoint. Prints each table's seconds
   * ({@code copy_<what>_seconds_<table>}); returns their sum.
   */
  private static double copy(
      PostgresConfig from,
      PostgresConfig to,
      Path dir,
      Map<String, String> tables,
      Map<String, String> out,
      String what)
      throws IOException, InterruptedException {
    for (Map.Entry<String, String> t : tables.entrySet()) {
      psql(
          from,
          "\\copy (SELECT * FROM "
              + t.getKey()
              + " WHERE "
              + t.getValue()
              + ") TO '"
              + dir.resolve(t.getKey() + ".copy")
              + "'");
    }
    checkpoint(to, out);
    double total = 0;
    for (String t : tables.keySet()) {
      double s = psql(to, "\\copy " + t + " FROM '" + dir.resolve(t + ".copy") + "'");
      out.put("copy_" + what + "_seconds_" + t, String.format(Locale.ROOT, "%.1f", s));
      total += s;
    }
    return total;
  }

  /**
   * Rows inserted into each table of the database so far, by PostgreSQL's own count, once it has
   * stopped changing: a session that ended reports its counts as it exits, a moment later.
   */
  private static Map<String, Long> inserts(PostgresConfig db) throws InterruptedException {
    Map<String, Long> last = insertsNow(db);
    for (int i = 0; i < 20; i++) {
      Thread.sleep(200);
      Map<String, Long> now = insertsNow(db);
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static Map<String, Long> insertsNow(PostgresConfig db) {
    String sql = "SELECT relname, n_tup_ins FROM pg_stat_user_tables WHERE schemaname = 'public'";
    return BenchDatabase.query(
        db,
        s -> {
          Map<String, Long> rows = new TreeMap<>();
          try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              rows.put(rs.getString(1), rs.getLong(2));
            }
          }
          return rows;
        });
  }

  /**
   * Prints the tables an import inserted rows into, and how many ({@code import_<what>_wrote}), and
   * whether they are the tables its baseline copies ({@code copy_<what>_tables}: {@code same}, or
   * what differs); returns the counts after it.
   */
  private static Map<String, Long> written(
      PostgresConfig db,
      Map<String, Long> before,
      Map<String, String> out,
      String what,
      Set<String> baseline)
      throws InterruptedException {
    Map<String, Long> after = inserts(db);
    List<String> wrote = new ArrayList<>();
    Set<String> tables = new TreeSet<>();
    after.forEach(
        (table, n) -> {
          long d = n - before.getOrDefault(table, 0L);
          if (d > 0) {
            wrote.add(table + ":" + d);
            tables.add(table);
          }
        });
    out.put("import_" + what + "_wrote", String.join(",", wrote));
    Set<String> missing = new TreeSet<>(tables);
    missing.removeAll(baseline);
    Set<String> extra = new TreeSet<>(baseline);
    extra.removeAll(tables);
    out.put(
        "copy_" + what + "_tables",
        missing.isEmpty() && extra.isEmpty()
            ? "same"
            : "differs: not copied " + missing + ", copied but not written " + extra);
    return after;
  }

  /** The demo store (Berlin, EUR, prices with tax) on a migrated database. */
  private static void seed(BenchDatabase bench) {
    // closed at once: its sessions end, and their counts reach PostgreSQL's statistics before the
    // import's are read (import_*_wrote)
    try (PostgresDatabase db = PostgresDatabase.connect(bench.config.withPoolSize(2))) {
      db.migrate();
      RetailEngine engine = PostgresAdapters.use(db, RetailEngine.builder()).build();
      DemoStore.seed(engine);
    }
  }

  static void writeProducts(Path file, int rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("product_id,sku,name,category,tax_category,unit,barcode,status,cost\n");
      StringBuilder line = new StringBuilder(160);
      for (int i = 0; i < rows; i++) {
        String payload = String.format(Locale.ROOT, "41%010d", i);
        line.setLength(0);
        line.append("bench-")
            .append(i)
            .append(",BENCH-")
            .append(i)
            .append(",Bench product ")
            .append(i)
            .append(",kitchen,")
            .append(i % 5 == 0 ? "reduced" : "standard")
            .append(",ea,")
            .append(payload)
            .append(Barcode.checkDigit(payload))
            .append(",ACTIVE,")
            .append(1 + i % 50)
            .append(".25\n");
        w.write(line.toString());
      }
    }
  }

  static void writeSales(Path file, int rows) throws IOException {
    LocalDateTime start = LocalDateTime.of(2026, 1, 5, 9, 0);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("receipt_id,line,sold_at,sku,quantity,unit_price,tax,total\n");
      StringBuilder line = new StringBuilder(120);
      for (int i = 0; i < rows; i++) {
        int receipt = i / 3;
        int quantity = 1 + i % 3;
        // prices include tax (the demo store's): total = quantity x unit price; tax 19/119 of it
        String unit = (2 + i % 40) + ".50";
        BigDecimal total = new BigDecimal(unit).multiply(BigDecimal.valueOf(quantity));
        BigDecimal tax =
            total
                .multiply(new BigDecimal("19"))
                .divide(new BigDecimal("119"), 2, RoundingMode.HALF_UP);
        line.setLength(0);
        line.append("R")
            .append(receipt)
            .append(',')
            .append(i % 3 + 1)
            .append(',')
            .append(start.plusMinutes(receipt / 4))
            .append(",BENCH-")
            .append((i * 7919L) % rows)
            .append(',')
            .append(quantity)
            .append(',')
            .append(unit)
            .append(',')
            .append(tax.toPlainString())
            .append(',')
            .append(total.toPlainString())
            .append('\n');
        w.write(line.toString());
      }
    }
  }

  /** Runs {@code retail import KIND --store demo FILE} in a JVM of its own; its wall seconds. */
  private static double cli(PostgresConfig db, Path gcLog, String kind, Path file)
      throws IOException, InterruptedException {
    String other = System.getenv("BENCH_IMPORT_CLI");
    String jar = other == null || other.isBlank() ? "retail-cli/target/retail-cli.jar" : other;
    if (!new File(jar).isFile()) {
      throw new IllegalStateException("build the CLI first: " + jar + " is missing");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-Xmx256m",
                "-Xlog:gc,gc+heap+exit:file=" + gcLog,
                "-jar",
                jar,
                "import",
                kind,
                "--store",
                DemoStore.ID.value(),
                file.toString(),
                "--quiet"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    env(pb, db);
    long started = System.nanoTime();
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.err.print("retail import " + kind + ": " + output);
    if (code != 0) {
      throw new IllegalStateException("retail import " + kind + " exited " + code + ": " + output);
    }
    return seconds;
  }

  /** Runs one psql command on {@code db}; its wall seconds. */
  private static double psql(PostgresConfig db, String command)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                db.host(),
                "-p",
                Integer.toString(db.port()),
                "-U",
                db.user(),
                "-d",
                db.database(),
                "-c",
                command)
            .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
    long started = System.nanoTime();
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql " + command + " failed: " + output);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static void env(ProcessBuilder pb, PostgresConfig db) {
    Map<String, String> e = pb.environment();
    e.put("DB_HOST", db.host());
    e.put("DB_PORT", Integer.toString(db.port()));
    e.put("DB_NAME", db.database());
    e.put("DB_USER", db.user());
    e.put("DB_PASSWORD", db.password() == null ? "" : db.password());
  }

  /**
   * The machine's one-minute load average (from /proc/loadavg, "n/a" elsewhere): on a shared
   * machine the figures mean little when it is above the core count.
   */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /**
   * The most heap left in use after any collection the GC log shows: an upper bound of what the
   * import holds (a young collection leaves the old generation's garbage in place), where {@link
   * #peakHeapMiB} says how full the collector let the heap get under {@code -Xmx256m}.
   */
  static double mostAfterCollectionMiB(Path gcLog) throws IOException {
    double most = 0;
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        most = Math.max(most, Double.parseDouble(m.group(2)));
      }
    }
    return most;
  }

  /** The most heap in use the GC log shows: before each collection, and at exit. */
  static double peakHeapMiB(Path gcLog) throws IOException {
    double peak = 0;
    boolean exit = false;
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Double.parseDouble(m.group(1)));
      }
      if (line.contains("Heap") && line.contains("exit")) {
        exit = true;
      }
      Matcher used = EXIT_USED.matcher(line);
      if (exit && used.find()) {
        peak = Math.max(peak, Double.parseDouble(used.group(2)) / 1024);
      }
    }
    return peak;
  }
}
