package io.vruksha.retail.cli;

import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.catalog.Barcode;
import io.vruksha.retail.catalog.Category;
import io.vruksha.retail.catalog.CategoryId;
import io.vruksha.retail.catalog.Product;
import io.vruksha.retail.catalog.ProductId;
import io.vruksha.retail.catalog.ProductStatus;
import io.vruksha.retail.catalog.SellableItem;
import io.vruksha.retail.catalog.Sku;
import io.vruksha.retail.catalog.TaxCategory;
import io.vruksha.retail.catalog.Variant;
import io.vruksha.retail.customer.Customer;
import io.vruksha.retail.customer.CustomerGroupId;
import io.vruksha.retail.customer.CustomerId;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.Quantity;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.postgres.PostgresBulkImport;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.stock.LocationId;
import io.vruksha.retail.stock.MovementReason;
import io.vruksha.retail.stock.StockKey;
import io.vruksha.retail.store.Store;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each kind of import reads and how it writes: the rules live in the domain's constructors (a
 * bad check digit, a negative price, an unknown currency throw with a clear message), so a row is
 * validated by building the domain objects it describes.
 */
final class ImportKinds {

  private ImportKinds() {}

  /** What an import works with. */
  static final class Context {
    final RetailEngine engine;
    final PostgresDatabase db;
    final Store store;
    final String fileRef;
    final boolean setMode;
    final ImportDates dates;
    final boolean createCategories;
    final Set<String> createdCategories = new HashSet<>();
    final Set<String> unknownCategories = new HashSet<>();
    private final Map<Sku, Optional<SellableItem>> items = new HashMap<>();

    Context(
        RetailEngine engine,
        PostgresDatabase db,
        Store store,
        String fileRef,
        boolean setMode,
        ImportDates dates,
        boolean createCategories) {
      this.engine = engine;
      this.db = db;
      this.store = store;
      this.fileRef = fileRef;
      this.setMode = setMode;
      this.dates = dates;
      this.createCategories = createCategories;
    }

    /** The catalogue's item for {@code sku} (read once per import: the file does not change it). */
    Optional<SellableItem> item(Sku sku) {
      return items.computeIfAbsent(sku, s -> engine.catalog().item(s));
    }
  }

  /** A row read and validated, waiting for its batch. */
  static final class Pending<P> {
    final ImportReader.Row row;
    final P parsed;
    String reject;
    boolean skip;

    Pending(ImportReader.Row row, P parsed) {
      this.row = row;
      this.parsed = parsed;
    }
  }

  /** One kind of import. */
  abstract static class Kind<P> {
    final String name;
    final List<String> required;
    final List<String> optional;

    Kind(String name, List<String> required, List<String> optional) {
      this.name = name;
      this.required = required;
      this.optional = optional;
    }

    Set<String> fields() {
      Set<String> all = new LinkedHashSet<>(required);
      all.addAll(optional);
      return all;
    }

    /** Validates a row into what it will write; throws a RetailException saying what is wrong. */
    abstract P parse(Map<String, String> f, long line, Context c);

    /** The row's key: a second row with the same key in the file is a duplicate. */
    abstract String key(P p);

    /**
     * Checks a batch against the database before it is written: marks rows referring to what does
     * not exist as rejected, rows already imported as skipped.
     */
    void check(List<Pending<P>> batch, Context c) {}

    /** Writes one row inside the caller's unit of work; false when nothing had to change. */
    abstract boolean apply(P p, Context c);

    /** The set-based write path of this kind, or null when it writes through the engine's ports. */
    PostgresBulkImport.Kind bulk() {
      return null;
    }

    /** A parsed row's staging columns, in the order {@link PostgresBulkImport#row} takes them. */
    Object[] staged(P p, Context c) {
      throw new UnsupportedOperationException(name + " has no set-based write path");
    }
  }

  static Kind<?> named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "categories" -> new Categories();
      case "products" -> new Products();
      case "prices" -> new Prices();
      case "stock" -> new StockKind();
      case "customers" -> new Customers();
      case "promotions" -> new ImportPromotions();
      default -> null;
    };
  }

  // ---------------------------------------------------------------------------------------------

  record ProductRow(
      ProductId id,
      String name,
      CategoryId category,
      String categoryName,
      TaxCategory tax,
      ProductStatus status,
      Variant variant) {}

  /**
   * Products, one variant a row: {@code product_id,sku,name,category,tax_category} required, {@code
   * unit} (EACH/ea, KILOGRAM/kg, LITRE/l, METRE/m; default EACH), {@code barcode} (several
   * separated by | or ;), {@code status} (ACTIVE, DISCONTINUED, BLOCKED), {@code variant_name},
   * {@code cost} (in the store's currency, exactly, to at most {@link UnitPrice#MAX_SCALE}
   * decimals: 2.7812 is kept as 2.7812, a cost with more decimals is rejected, never rounded)
   * optional. An upsert by product id: the row's variant is added to or replaces the one with its
   * SKU; other variants stay.
   */
  static final class Products extends Kind<ProductRow> {
    Products() {
      super(
          "products",
          List.of("product_id", "sku", "name", "category", "tax_category"),
          List.of("unit", "barcode", "status", "variant_name", "cost"));
    }

    @Override
    ProductRow parse(Map<String, String> f, long line, Context c) {
      ProductId id = ProductId.of(req(f, "product_id"));
      Sku sku = Sku.of(req(f, "sku"));
      String name = req(f, "name");
      String categoryText = req(f, "category");
      CategoryId category = categoryId(categoryText, c.createCategories);
      TaxCategory tax = TaxCategory.of(req(f, "tax_category"));
      UnitOfMeasure unit = unit(opt(f, "unit"));
      ProductStatus status = status(opt(f, "status"));
      List<Barcode> barcodes = new ArrayList<>();
      String codes = opt(f, "barcode");
      if (codes != null) {
        for (String b : codes.split("[|;]")) {
          if (!b.isBlank()) {
            barcodes.add(Barcode.parse(b));
          }
        }
      }
      Optional<UnitPrice> cost = Optional.ofNullable(opt(f, "cost")).map(x -> cost(x, c));
      String variantName = Optional.ofNullable(opt(f, "variant_name")).orElse(name);
      Variant v = new Variant(sku, variantName, Map.of(), barcodes, unit, cost);
      new Product(id, name, category, tax, status, List.of(v)); // validates the header
      return new ProductRow(
          id, name, category, c.createCategories ? categoryText : null, tax, status, v);
    }

    /** The row's cost, exactly as written; refused, naming the field, when it cannot be kept. */
    private static UnitPrice cost(String text, Context c) {
      BigDecimal amount;
      try {
        amount = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "cost '" + text + "' is not a number");
      }
      if (amount.signum() < 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION, "cost " + text + " must not be negative");
      }
      if (amount.stripTrailingZeros().scale() > UnitPrice.MAX_SCALE) {
        throw new InvalidInputException(
            ErrorCode.ROUNDING_REQUIRED,
            "cost "
                + text
                + " has "
                + amount.stripTrailingZeros().scale()
                + " decimals: a cost is kept exactly to "
                + UnitPrice.MAX_SCALE
                + " and never rounded");
      }
      return new UnitPrice(amount, c.store.currency());
    }

    @Override
    String key(ProductRow p) {
      return "SKU " + p.variant().sku();
    }

    @Override
    PostgresBulkImport.Kind bulk() {
      return PostgresBulkImport.Kind.PRODUCTS;
    }

    @Override
    Object[] staged(ProductRow r, Context c) {
      Variant v = r.variant();
      Product alone = new Product(r.id(), r.name(), r.category(), r.tax(), r.status(), List.of(v));
      return new Object[] {
        r.id().value(),
        v.sku().value(),
        PostgresBulkImport.json(alone),
        v.cost().isPresent(),
        v.barcodes().stream().map(Barcode::toGtin13).toList(),
        v.barcodes().stream().map(Barcode::toString).toList(),
        r.categoryName()
      };
    }

    @Override
    boolean apply(ProductRow r, Context c) {
      Optional<Product> existing = c.engine.catalog().product(r.id());
      List<Variant> variants = new ArrayList<>(existing.map(Product::variants).orElse(List.of()));
      Variant v = r.variant();
      int at = -1;
      for (int i = 0; i < variants.size(); i++) {
        if (variants.get(i).sku().equals(v.sku())) {
          at = i;
        }
      }
      if (at >= 0) {
        Variant old = variants.get(at);
        v =
            new Variant(
                v.sku(),
                v.name(),
                old.attributes(),
                v.barcodes(),
                v.unit(),
                v.cost().or(old::cost));
        variants.set(at, v);
      } else {
        variants.add(v);
      }
      Product p = new Product(r.id(), r.name(), r.category(), r.tax(), r.status(), variants);
      boolean unchanged = existing.isPresent() && existing.get().equals(p);
      if (c.engine.catalog().categories().find(r.category()).isEmpty()) {
        if (r.categoryName() != null) {
          c.engine
              .catalog()
              .saveCategory(new Category(r.category(), r.categoryName(), Optional.empty()));
          c.createdCategories.add(r.category().value());
        } else if (!unchanged) {
          c.unknownCategories.add(r.category().value());
        }
      }
      if (unchanged) {
        return false;
      }
      c.engine.catalog().save(p);
      return true;
    }
  }

  /**
   * The category id a products row names: the text itself when it is a valid id; otherwise, when
   * the import creates categories, an id made of it (accents dropped, lower case, each run of
   * characters other than a-z and 0-9 a dash, at most 64 characters: {@code Home & Garden} is
   * {@code home-garden}, {@code Øl / Bier} is {@code ol-bier}).
   */
  static CategoryId categoryId(String text, boolean create) {
    try {
      return CategoryId.of(text);
    } catch (InvalidInputException e) {
      if (!create) {
        throw e;
      }
    }
    String slug =
        java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            // Latin letters that do not decompose into a base letter and an accent
            .replace("ø", "o")
            .replace("æ", "ae")
            .replace("œ", "oe")
            .replace("ß", "ss")
            .replace("ł", "l")
            .replace("đ", "d")
            .replace("þ", "th")
            .replace("ı", "i")
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+", "");
    if (slug.length() > 64) {
      slug = slug.substring(0, 64);
    }
    slug = slug.replaceAll("-+$", "");
    if (slug.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "category '"
              + text
              + "' has no letters or digits a category id can be made of: give category ids"
              + " (import categories first)");
    }
    return CategoryId.of(slug);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Categories: {@code category_id} required, {@code name} (default: the id) and {@code parent} (a
   * category already there or on an earlier row) optional. An upsert by id through the catalogue;
   * an unchanged category is skipped.
   */
  static final class Categories extends Kind<Category> {
    Categories() {
      super("categories", List.of("category_id"), List.of("name", "parent"));
    }

    @Override
    Category parse(Map<String, String> f, long line, Context c) {
      String id = req(f, "category_id");
      return new Category(
          CategoryId.of(id),
          Optional.ofNullable(opt(f, "name")).orElse(id),
          Optional.ofNullable(opt(f, "parent")).map(CategoryId::of));
    }

    @Override
    String key(Category p) {
      return "category " + p.id();
    }

    @Override
    boolean apply(Category category, Context c) {
      if (c.engine.catalog().categories().find(category.id()).equals(Optional.of(category))) {
        return false;
      }
      c.engine.catalog().saveCategory(category);
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------

  record PriceRow(PriceListId list, Sku sku, UnitPrice price) {}

  /**
   * Prices: {@code price_list,sku,price} required, {@code currency} optional (default the store's).
   * A price list that does not exist yet is created for every store, its prices tax-inclusive as
   * the store's tax jurisdiction says. Unchanged prices are skipped (no price-history row).
   */
  static final class Prices extends Kind<PriceRow> {
    Prices() {
      super("prices", List.of("price_list", "sku", "price"), List.of("currency"));
    }

    @Override
    PriceRow parse(Map<String, String> f, long line, Context c) {
      PriceListId list = PriceListId.of(req(f, "price_list"));
      Sku sku = Sku.of(req(f, "sku"));
      String currency =
          Optional.ofNullable(opt(f, "currency"))
              .orElse(c.store.currency().getCurrencyCode())
              .toUpperCase(Locale.ROOT);
      return new PriceRow(list, sku, UnitPrice.of(req(f, "price"), currency));
    }

    @Override
    String key(PriceRow p) {
      return "price list " + p.list() + ", SKU " + p.sku();
    }

    @Override
    PostgresBulkImport.Kind bulk() {
      return PostgresBulkImport.Kind.PRICES;
    }

    @Override
    Object[] staged(PriceRow r, Context c) {
      return new Object[] {
        r.list().value(),
        r.sku().value(),
        r.price().amount(),
        r.price().currency().getCurrencyCode()
      };
    }

    @Override
    void check(List<Pending<PriceRow>> batch, Context c) {
      for (Pending<PriceRow> p : batch) {
        if (c.item(p.parsed.sku()).isEmpty()) {
          p.reject = unknownSku(p.parsed.sku());
        }
      }
    }

    @Override
    boolean apply(PriceRow r, Context c) {
      PriceList list =
          c.engine
              .priceBook()
              .list(r.list())
              .orElseGet(
                  () -> {
                    boolean gross =
                        c.engine
                            .taxRules()
                            .jurisdictionOf(c.store.id())
                            .map(j -> j.pricesIncludeTax())
                            .orElse(true);
                    PriceList created =
                        PriceList.standard(r.list(), r.list().value(), r.price().currency(), gross);
                    c.engine.priceBook().saveList(created);
                    return created;
                  });
      if (list.store().isPresent() && !list.store().get().equals(c.store.id())) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "price list " + list.id() + " is for store " + list.store().get() + ", not this one");
      }
      new PriceEntry(list, r.sku(), r.price()); // the list's currency
      boolean same =
          c.engine.priceBook().entries(r.sku(), c.store.id(), list.currency()).stream()
              .anyMatch(
                  e ->
                      e.list().id().equals(list.id())
                          && e.price().amount().compareTo(r.price().amount()) == 0);
      if (same) {
        return false;
      }
      c.engine.priceBook().setPrice(list.id(), r.sku(), r.price(), Instant.now(), "import");
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------

  record StockRow(StockKey key, BigDecimal quantity, String reference) {}

  /**
   * Stock: {@code sku,quantity} required, {@code location} (default {@code floor}) and {@code
   * reference} optional. By default each row RECEIVES its quantity (a RECEIPT movement, quantity
   * above zero); with {@code --mode set} it is the counted level, and the difference to the ledger
   * is booked as a COUNT. Each movement's reference is the row's {@code reference}, or {@code
   * import:<file hash>:<line>}: a row whose movement is already in the ledger is skipped, so
   * running the same file again books nothing twice.
   */
  static final class StockKind extends Kind<StockRow> {
    /** The decimals the stock ledger holds of a quantity ({@code numeric(19,3)}). */
    private static final int STOCK_SCALE = 3;

    StockKind() {
      super("stock", List.of("sku", "quantity"), List.of("location", "reference"));
    }

    @Override
    StockRow parse(Map<String, String> f, long line, Context c) {
      Sku sku = Sku.of(req(f, "sku"));
      LocationId location =
          Optional.ofNullable(opt(f, "location")).map(LocationId::of).orElse(LocationId.FLOOR);
      BigDecimal q;
      String text = req(f, "quantity");
      try {
        q = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(ErrorCode.VALIDATION, "'" + text + "' is not a quantity");
      }
      if (q.stripTrailingZeros().scale() > STOCK_SCALE) {
        // the ledger's numeric(19,3) would round it without a word
        throw new InvalidInputException(
            ErrorCode.ROUNDING_REQUIRED,
            "quantity "
                + text
                + " has "
                + q.stripTrailingZeros().scale()
                + " decimals: stock keeps quantities exactly to "
                + STOCK_SCALE
                + " and never rounds them");
      }
      if (c.setMode ? q.signum() < 0 : q.signum() <= 0) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            c.setMode
                ? "a counted quantity cannot be negative, was " + text
                : "a received quantity must be above zero, was " + text);
      }
      String reference =
          Optional.ofNullable(opt(f, "reference")).orElse("import:" + c.fileRef + ":" + line);
      if (reference.length() > 200) {
        throw new InvalidInputException(ErrorCode.VALIDATION, "the reference is too long");
      }
      return new StockRow(new StockKey(c.store.id(), location, sku), q, reference);
    }

    @Override
    String key(StockRow p) {
      return "SKU "
          + p.key().sku()
          + " at "
          + p.key().location()
          + " with reference "
          + p.reference();
    }

    @Override
    PostgresBulkImport.Kind bulk() {
      return PostgresBulkImport.Kind.STOCK;
    }

    @Override
    Object[] staged(StockRow r, Context c) {
      return new Object[] {
        r.key().location().value(), r.key().sku().value(), r.quantity(), r.reference()
      };
    }

    @Override
    void check(List<Pending<StockRow>> batch, Context c) {
      for (Pending<StockRow> p : batch) {
        Optional<SellableItem> item = c.item(p.parsed.key().sku());
        if (item.isEmpty()) {
          p.reject = unknownSku(p.parsed.key().sku());
        } else {
          try {
            new Quantity(p.parsed.quantity(), item.get().unit());
          } catch (InvalidInputException e) {
            p.reject = e.getMessage();
          }
        }
      }
      String[] refs =
          batch.stream()
              .filter(p -> p.reject == null)
              .map(p -> p.parsed.reference())
              .distinct()
              .toArray(String[]::new);
      if (refs.length == 0) {
        return;
      }
      String reason = (c.setMode ? MovementReason.COUNT : MovementReason.RECEIPT).name();
      Set<String> booked =
          new HashSet<>(
              c.db
                  .jdbi()
                  .inTransaction(
                      h -> {
                        h.createQuery("SELECT set_config('app.store_ids', :s, true)")
                            .bind("s", c.store.id().value())
                            .mapTo(String.class)
                            .one();
                        return h.createQuery(
                                "SELECT location_id || '|' || sku || '|' || reference FROM stock_movements"
                                    + " WHERE store_id = :s AND reason = :r AND reference = ANY(:refs)")
                            .bind("s", c.store.id().value())
                            .bind("r", reason)
                            .bindArray("refs", String.class, (Object[]) refs)
                            .mapTo(String.class)
                            .list();
                      }));
      for (Pending<StockRow> p : batch) {
        StockKey k = p.parsed.key();
        if (p.reject == null
            && booked.contains(k.location() + "|" + k.sku() + "|" + p.parsed.reference())) {
          p.skip = true;
        }
      }
    }

    @Override
    boolean apply(StockRow r, Context c) {
      if (c.setMode) {
        BigDecimal variance =
            c.engine
                .stock()
                .count(
                    r.key().store(),
                    r.key().location(),
                    Map.of(r.key().sku(), r.quantity()),
                    r.reference())
                .get(r.key().sku());
        return variance.signum() != 0;
      }
      c.engine.stock().receive(r.key(), r.quantity(), r.reference());
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------

  record CustomerRow(
      CustomerId id,
      String name,
      Optional<String> email,
      Optional<String> phone,
      Optional<CustomerGroupId> group,
      Optional<String> taxId,
      Optional<Boolean> consent) {}

  /**
   * Customers: {@code customer_id,name} required, {@code
   * email,marketing_consent,tax_id,phone,group} optional. An upsert by id: a new customer is
   * created (with its events), an existing one has the given fields replaced and keeps the rest; an
   * anonymised customer is never filled in again.
   */
  static final class Customers extends Kind<CustomerRow> {
    private static final com.fasterxml.jackson.databind.ObjectMapper PATCH_JSON =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    Customers() {
      super(
          "customers",
          List.of("customer_id", "name"),
          List.of("email", "marketing_consent", "tax_id", "phone", "group"));
    }

    @Override
    CustomerRow parse(Map<String, String> f, long line, Context c) {
      CustomerId id = CustomerId.of(req(f, "customer_id"));
      CustomerRow r =
          new CustomerRow(
              id,
              req(f, "name"),
              Optional.ofNullable(opt(f, "email")),
              Optional.ofNullable(opt(f, "phone")),
              Optional.ofNullable(opt(f, "group")).map(CustomerGroupId::of),
              Optional.ofNullable(opt(f, "tax_id")),
              Optional.ofNullable(opt(f, "marketing_consent")).map(ImportKinds::yesNo));
      build(r, Optional.empty(), Instant.EPOCH); // validates name and e-mail
      return r;
    }

    private static Customer build(CustomerRow r, Optional<Customer> before, Instant now) {
      boolean consent = r.consent().orElse(before.map(Customer::marketingConsent).orElse(false));
      Optional<Instant> consentAt =
          before.isPresent() && before.get().marketingConsent() == consent
              ? before.get().consentAt()
              : (r.consent().isPresent() ? Optional.of(now) : Optional.empty());
      return new Customer(
          r.id(),
          r.name(),
          r.email().or(() -> before.flatMap(Customer::email)),
          r.phone().or(() -> before.flatMap(Customer::phone)),
          r.group().or(() -> before.flatMap(Customer::group)),
          before.flatMap(Customer::taxExemption),
          r.taxId().or(() -> before.flatMap(Customer::taxId)),
          consent,
          consentAt,
          before.map(Customer::createdAt).orElse(now),
          false,
          // kept; a new customer is registered by the import's store (CustomerDirectory.create)
          before.flatMap(Customer::registeredAt));
    }

    @Override
    String key(CustomerRow p) {
      return "customer " + p.id();
    }

    @Override
    PostgresBulkImport.Kind bulk() {
      return PostgresBulkImport.Kind.CUSTOMERS;
    }

    /**
     * The customer the row creates when there is none yet, and the fields it replaces in an
     * existing one (its name, and each optional field the row has; consent with its time).
     */
    @Override
    Object[] staged(CustomerRow r, Context c) {
      Customer created = build(r, Optional.empty(), Instant.now());
      String json = PostgresBulkImport.json(created);
      com.fasterxml.jackson.databind.node.ObjectNode full;
      try {
        full = (com.fasterxml.jackson.databind.node.ObjectNode) PATCH_JSON.readTree(json);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      com.fasterxml.jackson.databind.node.ObjectNode patch = PATCH_JSON.createObjectNode();
      patch.set("name", full.get("name"));
      r.email().ifPresent(x -> patch.set("email", full.get("email")));
      r.phone().ifPresent(x -> patch.set("phone", full.get("phone")));
      r.group().ifPresent(x -> patch.set("group", full.get("group")));
      r.taxId().ifPresent(x -> patch.set("taxId", full.get("taxId")));
      if (r.consent().isPresent()) {
        patch.set("marketingConsent", full.get("marketingConsent"));
        patch.set("consentAt", full.get("consentAt"));
      }
      return new Object[] {r.id().value(), created.email().orElse(null), json, patch.toString()};
    }

    @Override
    boolean apply(CustomerRow r, Context c) {
      Optional<Customer> before = c.engine.customers().customers().find(r.id());
      if (before.isPresent() && before.get().anonymised()) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "customer " + r.id() + " was anonymised: their personal data is not imported again");
      }
      Customer after = build(r, before, Instant.now());
      if (before.isEmpty()) {
        c.engine.customers().create(c.store.id(), after);
        return true;
      }
      if (before.get().equals(after)) {
        return false;
      }
      c.engine.customers().update(after);
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------

  static String req(Map<String, String> f, String field) {
    String v = opt(f, field);
    if (v == null) {
      throw new InvalidInputException(ErrorCode.VALIDATION, field + " is missing");
    }
    return v;
  }

  static String opt(Map<String, String> f, String field) {
    String v = f.get(field);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String unknownSku(Sku sku) {
    return "unknown SKU " + sku + ": it is not in the catalogue (import products first)";
  }

  static UnitOfMeasure unit(String text) {
    if (text == null) {
      return UnitOfMeasure.EACH;
    }
    for (UnitOfMeasure u : UnitOfMeasure.values()) {
      if (u.name().equalsIgnoreCase(text) || u.symbol().equalsIgnoreCase(text)) {
        return u;
      }
    }
    if (text.equalsIgnoreCase("pc") || text.equalsIgnoreCase("pcs")) {
      return UnitOfMeasure.EACH;
    }
    throw new InvalidInputException(
        ErrorCode.VALIDATION, "'" + text + "' is not a unit: use EACH, KILOGRAM, LITRE or METRE");
  }

  static ProductStatus status(String text) {
    if (text == null) {
      return ProductStatus.ACTIVE;
    }
    try {
      return ProductStatus.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "'" + text + "' is not a status: use ACTIVE, DISCONTINUED or BLOCKED");
    }
  }

  static boolean yesNo(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1", "t" -> true;
      case "false", "no", "n", "0", "f" -> false;
      default ->
          throw new InvalidInputException(
              ErrorCode.VALIDATION, "'" + text + "' is not yes or no (true/false, 1/0)");
    };
  }
}
