package io.vruksha.retail.catalog;

/** The barcode symbologies a till scans for retail goods, told apart by length. */
public enum Symbology {
  /** 13 digits, the GS1 standard outside North America. */
  EAN_13(13),
  /** 8 digits, for small packs. */
  EAN_8(8),
  /** 12 digits, North America; the same number as an EAN-13 with a leading 0. */
  UPC_A(12);

  private final int length;

  Symbology(int length) {
    this.length = length;
  }

  /** The number of digits, check digit included. */
  public int length() {
    return length;
  }
}
