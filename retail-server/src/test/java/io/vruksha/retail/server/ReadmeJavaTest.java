package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The README's Java blocks compile as written, with the imports the README names, against the class
 * path the engine's users have (retail-core, retail-postgres, retail-sqlite); the "Embed it" blocks
 * also run, in order, as one program.
 */
class ReadmeJavaTest {

  private static final String IMPORTS =
      String.join(
          "\n",
          "import io.vruksha.retail.engine.*;",
          "import io.vruksha.retail.store.*;",
          "import io.vruksha.retail.money.*;",
          "import io.vruksha.retail.tax.*;",
          "import io.vruksha.retail.catalog.*;",
          "import io.vruksha.retail.pricing.*;",
          "import io.vruksha.retail.sale.*;",
          "import io.vruksha.retail.stock.*;",
          "import io.vruksha.retail.giftcard.*;",
          "import io.vruksha.retail.postgres.*;",
          "import java.math.BigDecimal;",
          "import java.time.*;",
          "import java.util.*;");

  private static List<String> javaBlocks(String markdown) {
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static String program(String name, List<String> blocks) {
    StringBuilder body = new StringBuilder();
    blocks.forEach(body::append);
    return IMPORTS
        + "\npublic class "
        + name
        + " {\n  public static void run() throws Exception {\n"
        + body
        + "\n  }\n}\n";
  }

  private static Path compile(String name, String source) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path out = Files.createTempDirectory("readme-java");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      List<File> classPath = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        classPath.add(new File(entry));
      }
      files.setLocation(StandardLocation.CLASS_PATH, classPath);
      JavaFileObject file =
          new SimpleJavaFileObject(
              URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return source;
            }
          };
      boolean ok =
          compiler
              .getTask(null, files, diagnostics, List.of("-proc:none"), null, List.of(file))
              .call();
      StringBuilder why = new StringBuilder();
      diagnostics
          .getDiagnostics()
          .forEach(
              d ->
                  why.append(d.getKind())
                      .append(" line ")
                      .append(d.getLineNumber() - IMPORTS.lines().count() - 2)
                      .append(" of the README block: ")
                      .append(d.getMessage(Locale.ROOT))
                      .append('\n'));
      assertThat(ok).as(why.toString()).isTrue();
    }
    return out;
  }

  @Test
  void theReadmesJavaBlocksCompileAndEmbedItRuns() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int embed = readme.indexOf("## Embed it");
    List<String> before = javaBlocks(readme.substring(0, embed));
    List<String> embedIt = javaBlocks(readme.substring(embed, readme.indexOf("\n## ", embed + 1)));
    assertThat(before).as("Point it at a database").hasSize(1);
    assertThat(embedIt).as("Embed it: the setup, the sale, a deposit and a gift card").hasSize(3);

    int offline = readme.indexOf("## Sell offline");
    List<String> sellOffline =
        javaBlocks(readme.substring(offline, readme.indexOf("\n## ", offline + 1)));
    assertThat(sellOffline).as("Sell offline").hasSize(1);

    compile("ReadmeDatabase", program("ReadmeDatabase", before));
    compile(
        "ReadmeSellOffline",
        "import io.vruksha.retail.sqlite.*;\nimport java.nio.file.Path;\n"
            + program("ReadmeSellOffline", sellOffline));
    Path classes = compile("ReadmeEmbedIt", program("ReadmeEmbedIt", embedIt));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      // runs as written: the basket is priced, the stock received, the sale checked out, a gift
      // card sold and spent on colas with their deposit
      loader.loadClass("ReadmeEmbedIt").getMethod("run").invoke(null);
    }
  }
}
