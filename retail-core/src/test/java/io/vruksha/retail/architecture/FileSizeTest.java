package io.vruksha.retail.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source file of any module is longer than {@value #MAX_LINES} lines: past that a file no
 * longer reads in one sitting, and it has almost always grown a second responsibility that belongs
 * in a class of its own. Tests may be longer (a scenario suite reads top to bottom).
 */
class FileSizeTest {

  static final int MAX_LINES = 600;

  @Test
  void noMainSourceFileIsLongerThanTheLimit() throws IOException {
    Path root = repositoryRoot();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(root)) {
      tooLong =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> isMainSource(root.relativize(p)))
              .sorted()
              .filter(p -> lines(p) > MAX_LINES)
              .map(p -> root.relativize(p) + " (" + lines(p) + " lines)")
              .toList();
    }
    assertThat(tooLong)
        .as("split these by responsibility (at most %d lines per main source file)", MAX_LINES)
        .isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isMainSource(Path relative) {
    String path = relative.toString().replace('\\', '/');
    return path.contains("/src/main/java/") && !path.contains("/target/") && !path.startsWith(".");
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
