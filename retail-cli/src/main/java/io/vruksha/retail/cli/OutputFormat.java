package io.vruksha.retail.cli;

/** How a command prints what it lists: aligned columns, CSV with a header, or JSON. */
enum OutputFormat {
  /** Aligned columns with a header (the default). */
  table,
  /** RFC 4180 CSV with a header row. */
  csv,
  /** JSON: an array of objects, one per row (or one object per line where a command says so). */
  json
}
