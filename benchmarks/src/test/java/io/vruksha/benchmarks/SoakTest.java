package io.vruksha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakTest {

  @Test
  void theHeapOfAWindowIsTheLowestAfterACollectionAmongItsNewLines(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("gc.log");
    Files.writeString(
        log,
        "[0.010s][info][gc] Using G1\n"
            + "[1.204s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M)"
            + " 3.117ms\n"
            + "[2.877s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 30M->5M(256M)"
            + " 2.001ms\n"
            + "[3.001s][info][gc] GC(2) Pause Young (Normal) (G1 Evacu");
    Soak.GcReader reader = new Soak.GcReader(log);

    assertThat(reader.afterSince()).isEqualTo(5.0);

    // the half-written line is read whole once the JVM finishes it
    Files.writeString(
        log,
        "ation Pause) 41M->12M(256M) 4.2ms\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    assertThat(reader.afterSince()).isEqualTo(12.0);
    assertThat(reader.afterSince()).isNaN();
  }

  @Test
  void aRatioWithAMissingOrZeroSideIsNotAvailable() {
    // 31.7 / 28.8 = 1.1007
    assertThat(Soak.ratio(31.7, 28.8)).isEqualTo("1.10");
    assertThat(Soak.ratio(Double.NaN, 28.8)).isEqualTo("n/a");
    assertThat(Soak.ratio(3, 0)).isEqualTo("n/a");
  }
}
