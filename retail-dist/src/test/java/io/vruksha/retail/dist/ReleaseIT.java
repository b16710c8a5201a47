package io.vruksha.retail.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release as an operator gets it: {@code target/vruksha-VERSION.tar.gz} unpacked into a
 * temporary folder with {@code tar}, then {@code bin/retail-server} started in demo mode on a free
 * loopback port and {@code bin/retail --help} run, with no Maven and no source tree on the class
 * path.
 */
class ReleaseIT {

  private static final Path TAR = Path.of(System.getProperty("release.tar"));
  private static final Path ZIP = Path.of(System.getProperty("release.zip"));
  private static final String BASE = System.getProperty("release.base");

  @TempDir static Path unpacked;

  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Process tar =
        new ProcessBuilder("tar", "-xzf", TAR.toString(), "-C", unpacked.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(out).isZero();
    home = unpacked.resolve(BASE);
  }

  @Test
  void theArchiveHoldsTheLaunchScriptsTheLibrariesAndTheOperatorsFiles() throws IOException {
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/retail-server")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(Files.getPosixFilePermissions(home.resolve("bin/retail")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    assertThat(home.resolve("etc/vruksha.env.example")).isRegularFile();
    assertThat(home.resolve("etc/vruksha-server.service")).isRegularFile();
    try (var jars = Files.list(home.resolve("lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("retail-server-"))
          .anyMatch(n -> n.startsWith("retail-cli-"))
          .anyMatch(n -> n.startsWith("retail-core-"))
          .anyMatch(n -> n.startsWith("postgresql-"))
          .allMatch(n -> n.endsWith(".jar"));
    }
  }

  @Test
  void theZipHoldsTheSameFilesAsTheTarball() throws IOException {
    Set<String> inZip = new TreeSet<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (!entry.isDirectory()) {
          inZip.add(entry.getName());
        }
      }
    }
    Set<String> inTar = new TreeSet<>();
    try (var files = Files.walk(home)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> inTar.add(BASE + "/" + home.relativize(f).toString().replace('\\', '/')));
    }

    assertThat(inZip).isEqualTo(inTar);
  }

  @Test
  void theServerStartsInDemoModeAnswersHealthAndStopsOnSigterm() throws Exception {
    int port = freePort();
    Path log = unpacked.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/retail-server").toString())
            .directory(unpacked.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("NATS_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PORT", Integer.toString(port));
    env.put("BIND_ADDRESS", "127.0.0.1");
    Process server = builder.start();
    try {
      HttpResponse<String> health = awaitHealth(port, server, log);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"").contains("retail-server");
      assertThat(Files.readString(log)).contains("demo mode").contains("listening on");
    } finally {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS))
          .as("the server stops within 30 s of SIGTERM")
          .isTrue();
    }
  }

  @Test
  void theCommandLinePrintsItsUsageAndExitsZero() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/retail").toString(), "--help")
            .directory(unpacked.toFile())
            .redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process cli = builder.start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(out).isZero();
    assertThat(out).contains("Usage: retail").contains("import").contains("report");
  }

  @Test
  void aLaunchScriptWithoutJavaSaysSoAndExitsThree() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/retail").toString(), "--help")
            .redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", unpacked.resolve("no-such-jdk").toString());
    Process cli = builder.start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).isEqualTo(3);
    assertThat(out).contains("no Java found");
  }

  private static HttpResponse<String> awaitHealth(int port, Process server, Path log)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plusSeconds(90);
    while (true) {
      if (!server.isAlive()) {
        throw new AssertionError(
            "the server exited with " + server.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("no answer on /health in 90 s:\n" + Files.readString(log));
        }
        Thread.sleep(250);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
