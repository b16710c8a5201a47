package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the browser tests of the till and the back
 * office. The driver is pinned to {@code /usr/bin/chromedriver} (no Selenium Manager download); the
 * browser starts with a fresh profile and without any of the background connections that hang on a
 * machine with no network. Without Chromium a test is skipped, except in CI ({@code CI=true}),
 * where a missing browser fails it ({@code scripts/services.sh} installs it).
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));

  /** Where a failing test leaves its screenshot. */
  static final Path FAILURES = Path.of("target", "browser-failures");

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;
  private final WebDriverWait wait;

  private Browser(ChromeDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  private static String missing() {
    return "Chromium is not installed ("
        + CHROMIUM
        + ", "
        + CHROMEDRIVER
        + "): apt-get install chromium chromium-driver, or run scripts/services.sh start";
  }

  /**
   * Whether Chromium and its driver are installed; in CI ({@code CI=true}) a missing browser fails
   * the caller instead. For a class's set-up, which then starts nothing.
   */
  static boolean installed() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        fail(missing());
      }
      System.err.println("browser tests skipped: " + missing());
    }
    return present;
  }

  /** Skips the calling test, saying why, when Chromium is missing; fails it in CI. */
  static void requireChromium() {
    if (!installed()) {
      Assumptions.abort(missing());
    }
  }

  /** A headless Chromium on the server at {@code port}. */
  static Browser open(int port) {
    requireChromium();
    // the driver and the browser named here, so Selenium Manager is never asked to find (or
    // download) either
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile;
    try {
      profile = Files.createTempDirectory("vruksha-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,860",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    return new Browser(driver, profile, "http://localhost:" + port);
  }

  /** Opens a page of the server, e.g. {@code "/"}. */
  void go(String path) {
    driver.get(base + path);
  }

  /** The element once it is visible. */
  WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until the element's text contains {@code text}; answers the whole text. */
  String waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** Waits until {@code count} elements match. */
  List<WebElement> waitForCount(String css, int count) {
    return wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), count));
  }

  /** Types into whatever has the focus, as a keyboard (or a keyboard-wedge scanner) does. */
  void keys(CharSequence... keys) {
    driver.switchTo().activeElement().sendKeys(keys);
  }

  /** Types a line and presses Enter, as a barcode scanner does. */
  void scan(String code) {
    keys(code, Keys.ENTER);
  }

  /** The id of the element that has the focus. */
  String focused() {
    return driver.switchTo().activeElement().getAttribute("id");
  }

  void waitForFocus(String id) {
    wait.until(d -> id.equals(focused()));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Saves a screenshot of the page to {@code file}. */
  void screenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the steps of a test; when one fails, keeps a screenshot of the page under {@code
   * target/browser-failures/} before the failure goes on.
   */
  void run(String name, Runnable steps) {
    try {
      steps.run();
    } catch (RuntimeException | AssertionError e) {
      Path shot = FAILURES.resolve(name + ".png");
      try {
        screenshot(shot);
        System.err.println(
            "browser test " + name + " failed; screenshot: " + shot.toAbsolutePath());
      } catch (RuntimeException ignored) {
        // the failure itself matters more than its picture
      }
      throw e;
    }
  }

  /** Whether the docs' screenshots are to be taken again ({@code -Dscreenshots.update=true}). */
  static boolean updateScreenshots() {
    return Boolean.getBoolean("screenshots.update");
  }

  /** The repository's docs/images directory (the tests run in retail-server). */
  static Path docsImages() {
    return Path.of("..", "docs", "images");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
