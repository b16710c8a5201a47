package io.vruksha.retail.money;

/**
 * How a product is counted, and how many decimals its quantities may carry.
 *
 * <p>Items sold by the piece take whole numbers; weighed and measured goods take up to three
 * decimals (grams of a kilogram, millilitres of a litre).
 */
public enum UnitOfMeasure {
  /** Pieces: whole numbers only. */
  EACH("ea", 0),
  /** Kilograms, to the gram. */
  KILOGRAM("kg", 3),
  /** Litres, to the millilitre. */
  LITRE("l", 3),
  /** Metres, to the millimetre. */
  METRE("m", 3);

  private final String symbol;
  private final int scale;

  UnitOfMeasure(String symbol, int scale) {
    this.symbol = symbol;
    this.scale = scale;
  }

  /** The short symbol printed on receipts ({@code "kg"}). */
  public String symbol() {
    return symbol;
  }

  /** The most decimals a quantity in this unit may carry. */
  public int scale() {
    return scale;
  }

  /** True for units counted in whole pieces. */
  public boolean isDiscrete() {
    return scale == 0;
  }
}
