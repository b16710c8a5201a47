package io.vruksha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportBenchTest {

  @TempDir Path dir;

  /** A CLI's log under {@code -Xlog:gc,gc+heap+exit}, cut down: three collections and the exit. */
  private static final List<String> LOG =
      List.of(
          "[0.012s][info][gc] Using G1",
          "[1.210s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 4.1ms",
          "[3.877s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 151M->38M(256M) 9.0ms",
          "[7.402s][info][gc] GC(2) Pause Young (Mixed) (G1 Evacuation Pause) 240M->21M(256M) 7.7ms",
          "[9.001s][info][gc,heap,exit] Heap",
          "[9.001s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 118784K");

  @Test
  void thePeakIsTheFullestHeapAndTheAfterFigureTheMostAnyCollectionLeft() throws Exception {
    Path log = Files.write(dir.resolve("gc.log"), LOG);

    assertThat(ImportBench.peakHeapMiB(log)).isEqualTo(240.0);
    assertThat(ImportBench.mostAfterCollectionMiB(log)).isEqualTo(38.0);
  }
}
