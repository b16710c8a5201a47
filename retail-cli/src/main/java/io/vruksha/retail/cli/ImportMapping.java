package io.vruksha.retail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which canonical fields each source column fills. A column named in the mapping ({@code --map
 * "Source Column=field"}) fills that field (a column mapped twice fills both: {@code "Product
 * ID=product_id,Product ID=sku"}); any other column whose name, trimmed, lower-cased and with
 * spaces or dashes as underscores, is a canonical field fills it; the rest are ignored.
 */
final class ImportMapping {

  private final Set<String> known;
  private final Map<String, List<String>> exact = new HashMap<>();
  private final Map<String, List<String>> loose = new HashMap<>();

  private ImportMapping(Set<String> known) {
    this.known = known;
  }

  /**
   * The mapping from {@code --map} entries (each {@code "A=x,B=y"}) and {@code --map-file} lines
   * ({@code A=x}; blank lines and lines starting with # are skipped), onto the fields {@code
   * known}.
   *
   * @throws IllegalArgumentException naming a malformed entry or an unknown field
   */
  static ImportMapping of(Set<String> known, List<String> maps, Path mapFile) throws IOException {
    ImportMapping m = new ImportMapping(known);
    if (mapFile != null) {
      for (String line : Files.readAllLines(mapFile, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          m.add(t);
        }
      }
    }
    for (String map : maps == null ? List.<String>of() : maps) {
      for (String entry : map.split(",")) {
        if (!entry.isBlank()) {
          m.add(entry);
        }
      }
    }
    return m;
  }

  private void add(String entry) {
    int eq = entry.lastIndexOf('=');
    if (eq <= 0 || eq == entry.length() - 1) {
      throw new IllegalArgumentException(
          "'" + entry.strip() + "' is not a mapping: write Source Column=field");
    }
    String source = entry.substring(0, eq).strip();
    String field = normal(entry.substring(eq + 1));
    if (!known.contains(field)) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a field of this import: use one of " + new TreeSet<>(known));
    }
    List<String> fields = exact.computeIfAbsent(source, k -> new ArrayList<>());
    if (!fields.contains(field)) {
      fields.add(field);
    }
    loose.put(source.toLowerCase(Locale.ROOT), fields);
  }

  /** The canonical field {@code column} fills (the first, when it fills several), or null. */
  String fieldFor(String column) {
    List<String> fields = fieldsFor(column);
    return fields.isEmpty() ? null : fields.get(0);
  }

  /** The canonical fields {@code column} fills; empty when it is ignored. */
  List<String> fieldsFor(String column) {
    String c = column.strip();
    List<String> f = exact.get(c);
    if (f == null) {
      f = loose.get(c.toLowerCase(Locale.ROOT));
    }
    if (f == null) {
      String n = normal(c);
      boolean mapped = exact.values().stream().anyMatch(l -> l.contains(n));
      f = known.contains(n) && !mapped ? List.of(n) : List.of();
    }
    return List.copyOf(f);
  }

  /**
   * The {@code --default FIELD=VALUE} entries as a map from field to value.
   *
   * @throws IllegalArgumentException naming a malformed entry or a field this import lacks
   */
  static Map<String, String> defaults(Set<String> known, List<String> entries) {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "--default '" + entry.strip() + "' is not a default: write field=value");
      }
      String field = normal(entry.substring(0, eq));
      if (!known.contains(field)) {
        throw new IllegalArgumentException(
            "--default "
                + field
                + ": not a field of this import; use one of "
                + new TreeSet<>(known));
      }
      defaults.put(field, entry.substring(eq + 1).strip());
    }
    return defaults;
  }

  private static String normal(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
  }
}
