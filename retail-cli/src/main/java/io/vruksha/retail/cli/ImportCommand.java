package io.vruksha.retail.cli;

import io.vruksha.retail.RetailException;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresBulkImport;
import io.vruksha.retail.postgres.PostgresCatalog;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresPriceBook;
import io.vruksha.retail.postgres.PostgresSalesHistoryImport;
import io.vruksha.retail.store.Store;
import io.vruksha.retail.store.StoreId;
import io.vruksha.retail.tax.TaxJurisdiction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.jdbi.v3.core.JdbiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code retail import products|prices|stock|customers|promotions|sales --store S FILE}: loads
 * master data and stock from CSV or JSON lines. Good rows import while bad ones are rejected with
 * their line and reason. Products, prices, stock and customers go set-based ({@link BulkImport}:
 * COPY into a staging table, validation and merge in SQL, a chunk of rows per transaction); sales
 * history likewise ({@link ImportSales}, one transaction); promotions through the engine's ports,
 * each batch of rows one unit of work, a batch that fails written again without the failing row. A
 * row is never half imported. Running the same file again changes nothing: products, prices and
 * customers are upserts that skip unchanged rows, stock movements carry a reference per row and a
 * row already booked is skipped; an interrupted import resumes by running it again.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports categories, products, prices, stock, customers, promotions, sales history or gift cards from"
          + " CSV (header row) or JSON lines.",
      "Fields: categories category_id[,name,parent]; products"
          + " product_id,sku,name,category,tax_category[,unit,barcode,status,"
          + "variant_name,cost]; prices price_list,sku,price[,currency]; stock sku,quantity"
          + "[,location,reference]; customers customer_id,name[,email,marketing_consent,tax_id,"
          + "phone,group]; promotions promotion_id,label,type[,skus,categories,whole_basket,percent,"
          + "amount,price,buy,get,percent_off,pick,quantity,priority,exclusive,from,until,stores,"
          + "requires_coupon,never_below_cost]; sales receipt_id,line,sold_at,sku,quantity,total"
          + "[,unit_price,tax,discount,discount_rate,currency,customer_id]; gift-cards"
          + " code,balance,expiry,issued[,currency].",
      "Gift cards import all or none: any broken row (reported by line) imports nothing.",
      "Dates: ISO-8601 (2026-03-02, 2026-03-02T14:05:00, ...Z, ...+01:00) or --date-format;"
          + " local times in the store's zone, a date alone is the start of its day there.",
      "Sales lines without unit_price get (total + discount) / quantity, to 4 decimals half-up;"
          + " without tax, the tax of the SKU's tax category in the store's jurisdiction"
          + " (or --default tax=0); discount_rate is 0.15 or 15%%.",
      "Amounts are stored exactly or the row is rejected, never rounded: sales amounts to 4"
          + " decimals, product costs to 6 (2.7812), stock quantities to 3.",
      "Products, prices, stock and customers are staged with COPY, validated and merged"
          + " set-based, a chunk of rows (--batch-size) per transaction.",
      "Sales history (from the POS a store is leaving) is loaded with COPY into a staging table,"
          + " validated and merged in one transaction; it keeps its recorded prices, discounts"
          + " and taxes and goes into sales_history and the analytics, not the fiscal journal"
          + " or the invoices. Stock moves only with --move-stock.",
      "Example: retail import products --store demo products.csv --rejects rejects.csv"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every row imported or already there",
      "1:some rows rejected (the others imported)",
      "2:usage error (unknown kind, a required column missing)",
      "3:failure (the database, an unreadable file)"
    })
final class ImportCommand implements Callable<Integer> {

  private final Map<String, String> env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      description =
          "categories, products, prices, stock, customers, promotions, sales or gift-cards")
  String kindName;

  @Parameters(index = "1", paramLabel = "FILE", description = "the file to import")
  Path file;

  @Option(names = "--store", required = true, description = "the store the import is for")
  String storeId;

  @Option(
      names = "--format",
      description = "csv or jsonl (default: from the file's extension; .jsonl/.ndjson are JSON)")
  String format;

  @Option(
      names = "--map",
      paramLabel = "MAPPING",
      description = "source columns to fields: \"Item No=sku,Retail Price=price\" (repeatable)")
  List<String> maps;

  @Option(names = "--map-file", description = "a file with one Source Column=field a line")
  Path mapFile;

  @Option(
      names = "--default",
      paramLabel = "FIELD=VALUE",
      description =
          "a value for a field the file lacks or leaves blank: --default tax_category=standard"
              + " (repeatable)")
  List<String> defaultEntries;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description =
          "sales and promotions: how dates are written, a java.time pattern (MM/dd/yyyy,"
              + " dd.MM.yyyy HH:mm); default ISO-8601 (2026-03-02, 2026-03-02T14:05:00[Z])")
  String dateFormat;

  @Option(
      names = "--create-categories",
      description =
          "products only: create the categories the rows name that do not exist yet (a name that"
              + " is no category id gets an id made of it: Home & Garden -> home-garden)")
  boolean createCategories;

  @Option(names = "--dry-run", description = "validate everything and report; change nothing")
  boolean dryRun;

  @Option(names = "--rejects", description = "write rejected rows here (CSV: line,reason,columns)")
  Path rejectsFile;

  @Option(
      names = "--mode",
      defaultValue = "receive",
      description =
          "stock only: receive (each row is a receipt, default) or set (each row is the counted"
              + " level; the difference is booked as a count)")
  String mode;

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV delimiter (default: ,)")
  char delimiter;

  @Option(
      names = "--charset",
      defaultValue = "UTF-8",
      description = "the file's encoding (default: UTF-8)")
  String charsetName;

  @Option(
      names = "--batch-size",
      description =
          "rows per transaction (default: "
              + BULK_CHUNK
              + " for products, prices, stock and customers, "
              + PORT_BATCH
              + " for promotions)")
  Integer batchSize;

  /** Rows a set-based import stages, validates and commits at a time, unless told otherwise. */
  static final int BULK_CHUNK = 50_000;

  /**
   * Rows an import through the engine's ports writes in one unit of work, unless told otherwise.
   */
  static final int PORT_BATCH = 1_000;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress bar")
  boolean quiet;

  @Option(
      names = "--move-stock",
      description = "sales only: also book each imported line as a SALE stock movement")
  boolean moveStock;

  @Option(
      names = "--decimal-comma",
      description = "sales and gift-cards: numbers are written with a decimal comma (1.234,56)")
  boolean decimalComma;

  /**
   * For tests: write products, prices, stock and customers row by row through the engine's ports
   * (the path before the set-based one), to compare what the two write.
   */
  @Option(names = "--through-ports", hidden = true)
  boolean throughPorts;

  /** For tests: stop as if the process died after this many rows were written (uncommitted). */
  @Option(names = "--crash-after", hidden = true)
  Long crashAfter;

  ImportCommand(Map<String, String> env) {
    this.env = env;
  }

  /** The counts an import ends with. */
  static final class Tally {
    long imported;
    long rejected;
    long skipped;
    long written; // rows handed to a unit of work, for --crash-after
  }

  /** The simulated crash of {@code --crash-after}. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(long rows) {
      super("simulated crash after " + rows + " rows", null, false, false);
    }
  }

  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    boolean giftCards = "gift-cards".equalsIgnoreCase(kindName);
    boolean sales = "sales".equalsIgnoreCase(kindName);
    ImportKinds.Kind<?> kind = sales || giftCards ? null : ImportKinds.named(kindName);
    if (kind == null && !sales && !giftCards) {
      throw new CommandLine.ParameterException(
          cli,
          "'"
              + kindName
              + "' is not something to import: categories, products, prices, stock, customers,"
              + " promotions, sales or gift-cards");
    }
    if (giftCards && (moveStock || createCategories || throughPorts || crashAfter != null)) {
      throw new CommandLine.ParameterException(
          cli,
          "gift-cards imports take --store, --format, --map, --default, --date-format,"
              + " --decimal-comma, --dry-run, --rejects, --delimiter and --charset");
    }
    if (!sales && moveStock) {
      throw new CommandLine.ParameterException(cli, "--move-stock is for sales imports");
    }
    if (!sales && !giftCards && decimalComma) {
      throw new CommandLine.ParameterException(
          cli, "--decimal-comma is for sales and gift-cards imports");
    }
    if (createCategories && (sales || giftCards || !kind.name.equals("products"))) {
      throw new CommandLine.ParameterException(cli, "--create-categories is for products imports");
    }
    if (dateFormat != null && !sales && !giftCards && !kind.name.equals("promotions")) {
      throw new CommandLine.ParameterException(
          cli, "--date-format is for the imports with dates: sales, promotions and gift-cards");
    }
    Set<String> kindFields =
        giftCards ? ImportGiftCards.FIELDS : sales ? ImportSales.fields() : kind.fields();
    List<String> kindRequired =
        giftCards ? ImportGiftCards.REQUIRED : sales ? ImportSales.REQUIRED : kind.required;
    Map<String, String> defaults;
    try {
      defaults = ImportMapping.defaults(kindFields, defaultEntries);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    boolean setMode;
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "receive" -> setMode = false;
      case "set" -> setMode = true;
      default -> throw new CommandLine.ParameterException(cli, "--mode is receive or set");
    }
    if (batchSize != null && batchSize < 1) {
      throw new CommandLine.ParameterException(cli, "--batch-size must be at least 1");
    }
    boolean csv = format == null ? !isJsonLines(file) : parseFormat(cli, format);
    Charset charset;
    try {
      charset = Charset.forName(charsetName);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(cli, "--charset " + charsetName + " is unknown");
    }
    try {
      ImportDates.of(dateFormat, ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    StoreId store;
    try {
      store = StoreId.of(storeId);
    } catch (RetailException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    ImportMapping mapping;
    try {
      mapping = ImportMapping.of(kindFields, maps, mapFile);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    } catch (IOException e) {
      err.println("retail import: cannot read " + mapFile + ": " + e.getMessage());
      return Retail.FAILURE;
    }
    if (!Files.isReadable(file)) {
      err.println("retail import: cannot read " + file);
      return Retail.FAILURE;
    }

    long started = System.nanoTime();
    ImportFileFacts facts;
    try {
      facts = ImportFileFacts.of(file);
    } catch (IOException e) {
      err.println("retail import: cannot read " + file + ": " + e.getMessage());
      return Retail.FAILURE;
    }
    try (PostgresDatabase db = database.connect(env, cli);
        ImportReader reader = new ImportReader(file, csv, delimiter, charset, mapping, defaults)) {
      if (csv) {
        List<String> missing = new ArrayList<>(kindRequired);
        missing.removeAll(reader.fields());
        missing.removeAll(defaults.keySet());
        if (!missing.isEmpty()) {
          err.println(
              "retail import: the file has no column for "
                  + String.join(", ", missing)
                  + " (its columns: "
                  + String.join(", ", reader.header())
                  + "); map one with --map \"Your Column="
                  + missing.get(0)
                  + "\" or give a value with --default "
                  + missing.get(0)
                  + "=VALUE");
          return Retail.USAGE;
        }
        if (!reader.ignoredColumns().isEmpty()) {
          err.println(
              "retail import: ignoring columns " + String.join(", ", reader.ignoredColumns()));
        }
      }
      RetailEngine engine =
          PostgresAdapters.use(db, RetailEngine.builder())
              // no near-cache: a dry run's or a failed batch's rolled-back reads must not linger
              .catalog(new PostgresCatalog(db))
              .priceBook(new PostgresPriceBook(db))
              .build();
      Store theStore = engine.inStore(store, () -> engine.stores().find(store)).orElse(null);
      if (theStore == null) {
        err.println("retail import: there is no store " + store);
        return Retail.USAGE;
      }
      ImportDates dates = ImportDates.of(dateFormat, theStore.zone());
      if (giftCards) {
        ImportGiftCards.Result result;
        try (ImportRejects rejects = new ImportRejects(rejectsFile, csv, reader.header(), err)) {
          result =
              ImportGiftCards.run(
                  engine, theStore, dates, decimalComma, reader, facts.ref(), dryRun, rejects, err);
        } catch (RetailException e) {
          err.println("retail import: " + e.getMessage());
          return Retail.FAILURE;
        }
        Tally tally = new Tally();
        tally.imported = result.imported();
        tally.rejected = result.rejected();
        tally.skipped = result.skipped();
        return summary(out, tally, started);
      }
      if (sales) {
        Optional<TaxJurisdiction> jurisdiction =
            engine.inStore(store, () -> engine.taxRules().jurisdictionOf(store));
        PostgresSalesHistoryImport.TaxMode taxMode =
            jurisdiction
                .map(
                    j ->
                        j.pricesIncludeTax()
                            ? PostgresSalesHistoryImport.TaxMode.INCLUDED
                            : PostgresSalesHistoryImport.TaxMode.EXCLUDED)
                .orElse(PostgresSalesHistoryImport.TaxMode.EITHER);
        SalesTax salesTax =
            new SalesTax(
                jurisdiction, theStore.currency(), sku -> taxCategoryOf(engine, store, sku));
        ImportSales.Result result;
        try (ImportRejects rejects = new ImportRejects(rejectsFile, csv, reader.header(), err);
            ProgressBar progress = progressBar("sales", facts.lines() - (csv ? 1 : 0))) {
          result =
              new ImportSales(
                      db.jdbi(),
                      theStore,
                      taxMode,
                      moveStock,
                      dryRun,
                      decimalComma,
                      dates,
                      salesTax)
                  .run(
                      reader,
                      () -> new ImportReader(file, csv, delimiter, charset, mapping, defaults),
                      rejects,
                      progress);
        }
        Tally tally = new Tally();
        tally.imported = result.imported();
        tally.rejected = result.rejected();
        tally.skipped = result.skipped();
        return summary(out, tally, started);
      }
      ImportKinds.Context ctx =
          new ImportKinds.Context(
              engine, db, theStore, facts.ref(), setMode, dates, createCategories);
      Tally tally = new Tally();
      if (kind.bulk() != null && !throughPorts) {
        boolean gross =
            engine
                .inStore(store, () -> engine.taxRules().jurisdictionOf(store))
                .map(j -> j.pricesIncludeTax())
                .orElse(true);
        BulkImport.Result result;
        try (ImportRejects rejects = new ImportRejects(rejectsFile, csv, reader.header(), err);
            ProgressBar progress = progressBar(kind.name, facts.lines() - (csv ? 1 : 0))) {
          result = bulk(kind, db, ctx, gross, setMode, reader, rejects, progress);
        } catch (SimulatedCrash crash) {
          err.println("retail import: " + crash.getMessage());
          return Retail.FAILURE;
        } catch (JdbiException e) {
          err.println("retail import: the database refused the import: " + rootMessage(e));
          return Retail.FAILURE;
        }
        tally.imported = result.imported();
        tally.rejected = result.rejected();
        tally.skipped = result.skipped();
        reportCategories(
            out,
            err,
            ctx,
            List.copyOf(new TreeSet<>(result.createdCategories())),
            result.unknownCategories());
        return summary(out, tally, started);
      }
      try (ImportRejects rejects = new ImportRejects(rejectsFile, csv, reader.header(), err);
          ProgressBar progress = progressBar(kind.name, facts.lines() - (csv ? 1 : 0))) {
        new ImportThroughPorts(batchSize == null ? PORT_BATCH : batchSize, crashAfter, dryRun)
            .run(kind, reader, ctx, tally, rejects, progress);
      } catch (SimulatedCrash crash) {
        err.println("retail import: " + crash.getMessage());
        return Retail.FAILURE;
      }
      reportCategories(
          out,
          err,
          ctx,
          List.copyOf(new TreeSet<>(ctx.createdCategories)),
          List.copyOf(new TreeSet<>(ctx.unknownCategories)));
      return summary(out, tally, started);
    } catch (ImportFileException e) {
      // the command line was right; the file cannot be parsed at all: a failure, not a usage error
      err.println("retail import: " + file + ": " + e.getMessage());
      return Retail.FAILURE;
    } catch (IOException e) {
      err.println("retail import: cannot read " + file + ": " + e.getMessage());
      return Retail.FAILURE;
    }
  }

  private <P> BulkImport.Result bulk(
      ImportKinds.Kind<P> kind,
      PostgresDatabase db,
      ImportKinds.Context ctx,
      boolean gross,
      boolean setMode,
      ImportReader reader,
      ImportRejects rejects,
      ProgressBar progress)
      throws IOException {
    var options =
        new PostgresBulkImport.Options(
            ctx.store.id(), ctx.store.currency(), gross, setMode, ctx.createCategories);
    return new BulkImport<>(
            db.jdbi(),
            kind,
            ctx,
            options,
            dryRun,
            batchSize == null ? BULK_CHUNK : batchSize,
            crashAfter)
        .run(reader, rejects, progress);
  }

  /** The tax category of {@code sku} in the catalogue; empty for a SKU that is not there. */
  private static Optional<TaxCategory> taxCategoryOf(
      RetailEngine engine, StoreId store, String sku) {
    Sku parsed;
    try {
      parsed = Sku.of(sku);
    } catch (RetailException e) {
      return Optional.empty(); // not a SKU: the import rejects it as unknown
    }
    return engine
        .inStore(store, () -> engine.catalog().item(parsed))
        .map(SellableItem::taxCategory);
  }

  /**
   * Says which categories a products import created, and which categories its products name that
   * the catalogue does not have (they import, but find no category).
   */
  private void reportCategories(
      PrintWriter out,
      PrintWriter err,
      ImportKinds.Context ctx,
      List<String> created,
      List<String> unknown) {
    if (!created.isEmpty()) {
      out.println(
          (dryRun ? "would have created " : "created ")
              + created.size()
              + (created.size() == 1 ? " category: " : " categories: ")
              + String.join(", ", created));
    }
    if (!unknown.isEmpty()) {
      err.println(
          "retail import: products name categories the catalogue does not have: "
              + String.join(", ", unknown)
              + " (import categories, or use --create-categories)");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private int summary(PrintWriter out, Tally tally, long started) {
    double seconds = (System.nanoTime() - started) / 1e9;
    long rows = tally.imported + tally.rejected + tally.skipped;
    out.println(
        (dryRun ? "dry run, nothing changed: would have " : "")
            + String.format(
                Locale.ROOT,
                "imported %d, rejected %d, skipped %d (already imported) in %.1f s (%d rows/s)",
                tally.imported,
                tally.rejected,
                tally.skipped,
                seconds,
                Math.round(rows / Math.max(seconds, 1e-3))));
    return tally.rejected > 0 ? Retail.DISCREPANCIES : Retail.OK;
  }

  private static boolean isJsonLines(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
  }

  private static boolean parseFormat(CommandLine cli, String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> true;
      case "jsonl", "json", "ndjson" -> false;
      default -> throw new CommandLine.ParameterException(cli, "--format is csv or jsonl");
    };
  }

  private ProgressBar progressBar(String task, long rows) {
    if (quiet || System.console() == null) {
      return null;
    }
    return progressBar(task, rows, null);
  }

  /**
   * The progress bar of an import of {@code rows} rows: rows done of all, rows/s and the time left.
   * It draws on the terminal, or hands each frame to {@code consumer} when there is one.
   */
  static ProgressBar progressBar(String task, long rows, ProgressBarConsumer consumer) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName("import " + task)
            .setInitialMax(Math.max(rows, 0))
            .setUnit(" rows", 1)
            .showSpeed();
    if (consumer != null) {
      builder.setConsumer(consumer);
    }
    return builder.build();
  }
}
