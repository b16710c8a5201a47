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
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.money.UnitOfMeasure;
import io.vruksha.retail.money.UnitPrice;
import io.vruksha.retail.postgres.PostgresBulkImport;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.pricing.PriceEntry;
import io.vruksha.retail.pricing.PriceList;
import io.vruksha.retail.pricing.PriceListId;
import io.vruksha.retail.store.Store;
import java.math.BigDecimal;
import java.text.Normalizer;
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
 * validated by building the domain objects it describes. Categories, products and prices are here;
 * stock, customers and promotions each in a file of its own ({@link ImportStock}, {@link
 * ImportCustomers}, {@link ImportPromotions}).
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
      case "stock" -> new ImportStock();
      case "customers" -> new ImportCustomers();
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
        Normalizer.normalize(text, Normalizer.Form.NFKD)
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

  static String unknownSku(Sku sku) {
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
