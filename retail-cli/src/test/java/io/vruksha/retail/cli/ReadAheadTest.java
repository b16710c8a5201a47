package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The reading side of a set-based import, on a thread of its own, a bounded queue ahead. */
class ReadAheadTest {

  @Test
  void whatTheReadingSidePutsComesOutInOrderThenNull() throws Exception {
    List<Object> taken = new ArrayList<>();
    try (ReadAhead ahead =
        ReadAhead.start(
            "test-reader",
            sink -> {
              for (int i = 0; i < 1_000; i++) {
                sink.put(i);
              }
            })) {
      for (Object next = ahead.take(); next != null; next = ahead.take()) {
        taken.add(next);
      }
      assertThat(ahead.take()).isNull();
    }
    assertThat(taken).hasSize(1_000);
    for (int i = 0; i < taken.size(); i++) {
      assertThat(taken.get(i)).isEqualTo(i);
    }
  }

  @Test
  void theReadingSideIsAtMostAheadItemsAhead() throws Exception {
    AtomicInteger put = new AtomicInteger();
    try (ReadAhead ahead =
        ReadAhead.start(
            "test-reader",
            sink -> {
              while (true) {
                sink.put(new byte[16]);
                put.incrementAndGet();
              }
            })) {
      // nothing taken: it fills the queue and waits
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (put.get() < ReadAhead.AHEAD && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(200);
      assertThat(put.get()).isEqualTo(ReadAhead.AHEAD);
      ahead.take();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (put.get() < ReadAhead.AHEAD + 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(200);
      assertThat(put.get()).isEqualTo(ReadAhead.AHEAD + 1);
    }
  }

  @Test
  void whatReadingFailedWithIsThrownAfterTheItemsBeforeIt() throws Exception {
    try (ReadAhead ahead =
        ReadAhead.start(
            "test-reader",
            sink -> {
              sink.put("first");
              throw new IOException("disk gone");
            })) {
      assertThat(ahead.take()).isEqualTo("first");
      assertThatThrownBy(ahead::take).isInstanceOf(IOException.class).hasMessage("disk gone");
      assertThat(ahead.take()).isNull();
    }
    try (ReadAhead ahead =
        ReadAhead.start(
            "test-reader",
            sink -> {
              throw new ImportCommand.SimulatedCrash(3);
            })) {
      assertThatThrownBy(ahead::take).isInstanceOf(ImportCommand.SimulatedCrash.class);
    }
    try (ReadAhead ahead =
        ReadAhead.start(
            "test-reader",
            sink -> {
              throw new Exception("checked");
            })) {
      assertThatThrownBy(ahead::take)
          .isInstanceOf(IllegalStateException.class)
          .hasRootCauseMessage("checked");
    }
  }

  @Test
  void closingStopsAReadingSideThatWaitsForRoom() throws Exception {
    CountDownLatch full = new CountDownLatch(1);
    AtomicReference<Thread> reader = new AtomicReference<>();
    ReadAhead ahead =
        ReadAhead.start(
            "test-reader",
            sink -> {
              reader.set(Thread.currentThread());
              for (int i = 0; ; i++) {
                if (i == ReadAhead.AHEAD) {
                  full.countDown();
                }
                sink.put(i);
              }
            });
    assertThat(full.await(10, TimeUnit.SECONDS)).isTrue();
    ahead.take();
    ahead.close();
    reader.get().join(TimeUnit.SECONDS.toMillis(10));
    assertThat(reader.get().isAlive()).isFalse();
  }
}
