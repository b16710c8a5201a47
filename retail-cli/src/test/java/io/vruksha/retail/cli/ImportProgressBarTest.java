package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The progress bar an import draws on a terminal, rendered into strings. */
class ImportProgressBarTest {

  @Test
  void theProgressBarShowsTheTaskRowsDoneOfAllAndTheSpeed() {
    List<String> frames = new ArrayList<>();
    try (var bar =
        ImportCommand.progressBar(
            "products", 4, new DelegatingProgressBarConsumer(frames::add, 120))) {
      for (int i = 0; i < 4; i++) {
        bar.step();
      }
    }

    String last = frames.get(frames.size() - 1);
    assertThat(last).startsWith("import products 100%").contains("4/4 rows").contains("rows/s");
  }

  @Test
  void halfWayItShowsHalfTheRows() {
    List<String> frames = new ArrayList<>();
    try (var bar =
        ImportCommand.progressBar(
            "stock", 10, new DelegatingProgressBarConsumer(frames::add, 120))) {
      bar.stepBy(5);
      bar.refresh();
      assertThat(frames.get(frames.size() - 1))
          .startsWith("import stock  50%")
          .contains("5/10 rows");
    }
  }
}
