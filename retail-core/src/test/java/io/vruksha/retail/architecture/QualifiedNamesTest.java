package io.vruksha.retail.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Types are imported, not written with their package in the code: {@code Comparator.comparing(..)},
 * not {@code java.util.Comparator.comparing(..)}. A name stays qualified only where the file
 * already knows another type of the same simple name (an import, a type it declares, or a type of
 * its own package), which is the one case Java needs it.
 *
 * <p>Reads the Java sources of every module (main and test) from the repository root; comments,
 * string literals and text blocks are ignored.
 */
class QualifiedNamesTest {

  /** A project type or a type of the JDK packages code most often spells out. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?<![\\w.])((?:io\\.vruksha(?:\\.[a-z]\\w*)+|java\\.(?:util|time|math|io|nio|net|sql|text"
              + "|lang|security)(?:\\.[a-z]\\w*)*))\\.([A-Z]\\w*)");

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\.(\\w+)\\s*;", Pattern.MULTILINE);
  private static final Pattern DECLARED =
      Pattern.compile("\\b(?:class|interface|enum|record|@interface)\\s+([A-Z]\\w*)");
  private static final Pattern PACKAGE_OR_IMPORT_LINE =
      Pattern.compile("^\\s*(?:package|import)\\s[^;]*;", Pattern.MULTILINE);

  @Test
  void sourcesImportTypesInsteadOfSpellingOutTheirPackage() throws IOException {
    Path root = repositoryRoot();
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> isSource(root.relativize(p)))
          .sorted()
          .forEach(p -> offences.addAll(offences(root, p)));
    }
    assertThat(offences)
        .as("import these types (a name stays qualified only where two types share it)")
        .isEmpty();
  }

  @Test
  void theCheckSeesCodeButNotCommentsOrText() {
    String code =
        """
        package io.vruksha.retail.sale;
        import java.util.List;
        // java.util.Map in a comment
        class A {
          String s = "io.vruksha.retail.store.StoreId";
          java.util.Map<String, String> m = new java.util.TreeMap<>();
          io.vruksha.retail.store.StoreId id;
        }
        """;
    assertThat(qualifiedReferences(code, Set.of()))
        .containsExactly("java.util.Map", "java.util.TreeMap", "io.vruksha.retail.store.StoreId");
    assertThat(
            qualifiedReferences(code.replace("import java.util.List;", "import a.Map;"), Set.of()))
        .containsExactly("java.util.TreeMap", "io.vruksha.retail.store.StoreId");
    assertThat(qualifiedReferences(code, Set.of("StoreId")))
        .containsExactly("java.util.Map", "java.util.TreeMap");
  }

  private static boolean isSource(Path relative) {
    String path = relative.toString().replace('\\', '/');
    return (path.contains("/src/main/java/") || path.contains("/src/test/java/"))
        && !path.contains("/target/")
        && !path.startsWith(".");
  }

  private static List<String> offences(Path root, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> samePackage = new TreeSet<>();
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      siblings
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java"))
          .forEach(n -> samePackage.add(n.substring(0, n.length() - ".java".length())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return qualifiedReferences(text, samePackage).stream()
        .map(ref -> root.relativize(file) + ": " + ref)
        .toList();
  }

  /**
   * The qualified type references in {@code source} that an import could replace: those whose
   * simple name no import, declared type or type of the same package ({@code samePackage}) takes.
   */
  static List<String> qualifiedReferences(String source, Set<String> samePackage) {
    String code = withoutCommentsAndText(source);
    String packageName = packageOf(code);
    Set<String> taken = new TreeSet<>();
    Matcher imports = IMPORT.matcher(code);
    List<String> importedTypes = new ArrayList<>();
    while (imports.find()) {
      importedTypes.add(imports.group(1) + "." + imports.group(2));
    }
    Matcher declared = DECLARED.matcher(code);
    while (declared.find()) {
      taken.add(declared.group(1));
    }
    String body = PACKAGE_OR_IMPORT_LINE.matcher(code).replaceAll("");
    List<String> found = new ArrayList<>();
    Matcher m = QUALIFIED.matcher(body);
    while (m.find()) {
      String pkg = m.group(1);
      String simple = m.group(2);
      String qualified = pkg + "." + simple;
      boolean clash =
          taken.contains(simple)
              || (samePackage.contains(simple) && !pkg.equals(packageName))
              || importedTypes.stream()
                  .anyMatch(i -> i.endsWith("." + simple) && !i.equals(qualified));
      if (!clash) {
        found.add(qualified);
      }
    }
    return found;
  }

  private static String packageOf(String code) {
    Matcher m = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE).matcher(code);
    return m.find() ? m.group(1) : "";
  }

  /** Blanks comments, string and character literals and text blocks, keeping line structure. */
  static String withoutCommentsAndText(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
        out.append(' ');
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        while (end > 0 && s.charAt(end - 1) == '\\') {
          end = s.indexOf("\"\"\"", end + 1);
        }
        i = end < 0 ? s.length() : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static Path repositoryRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path pom = dir.resolve("pom.xml");
      if (Files.exists(pom) && Files.readString(pom).contains("<module>retail-core</module>")) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no parent pom.xml lists retail-core above the working dir");
  }
}
