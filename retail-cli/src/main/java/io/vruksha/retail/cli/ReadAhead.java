package io.vruksha.retail.cli;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The reading side of a set-based import: the file is read, parsed and encoded on a thread of its
 * own while the thread that owns the database session writes what was encoded (COPY data) and runs
 * the statements; on two cores reading and the database overlap. What the reading side produces
 * (blocks of COPY data of about {@link #BLOCK} characters, and whatever else the import hands on:
 * marks, rejected rows) goes through a queue of at most {@link #AHEAD} items, so memory stays
 * bounded whatever the file's size, and comes out in the order it was put.
 *
 * <p>If reading fails, {@link #take()} throws what it failed with once the items before the failure
 * were taken. {@link #close()} stops the reading thread when the writing side gives up, and waits a
 * moment for it, so that it leaves the file alone once the caller closes it.
 */
final class ReadAhead implements AutoCloseable {

  /** Items (blocks of about a megabyte) the reading thread may be ahead of the database. */
  static final int AHEAD = 32;

  /** Encoded characters handed on at a time. */
  static final int BLOCK = 1 << 20;

  /** How long {@link #close()} waits for a reading thread it stopped. */
  private static final long JOIN_MILLIS = 5_000;

  /** The reading side: reads, parses and encodes, putting what it produced into {@code sink}. */
  @FunctionalInterface
  interface Producer {
    void produce(Sink sink) throws Exception;
  }

  /** Where the reading side puts what it produced; waits while the queue is full. */
  @FunctionalInterface
  interface Sink {
    void put(Object item) throws InterruptedException;
  }

  /** The reading side finished. */
  private static final Object END = new Object();

  /** Reading failed: rethrown by the thread that writes. */
  private record Failure(Throwable cause) {}

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private boolean finished;

  private ReadAhead(String name, Producer producer, int ahead) {
    this.queue = new ArrayBlockingQueue<>(ahead);
    this.thread = new Thread(() -> run(producer), name);
    thread.setDaemon(true);
  }

  /** Starts {@code producer} on a thread called {@code name}. */
  static ReadAhead start(String name, Producer producer) {
    return start(name, producer, AHEAD);
  }

  /**
   * Starts {@code producer} on a thread called {@code name}, at most {@code ahead} items ahead:
   * fewer where the database takes the blocks more slowly than they are made, so that they do not
   * wait long enough to be promoted to the old generation (and fill the heap until a full marking).
   */
  static ReadAhead start(String name, Producer producer, int ahead) {
    ReadAhead reading = new ReadAhead(name, producer, ahead);
    reading.thread.start();
    return reading;
  }

  private void run(Producer producer) {
    try {
      producer.produce(queue::put);
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the writing side gave up
    } catch (Throwable e) {
      try {
        queue.put(new Failure(e));
      } catch (InterruptedException gone) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The next item the reading side put, in order, waiting for it; null once the reading side
   * finished. Throws what reading failed with (an {@link IOException} or unchecked exception as
   * thrown, anything else wrapped).
   */
  Object take() throws IOException {
    if (finished) {
      return null;
    }
    Object next;
    try {
      next = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (next == END) {
      finished = true;
      return null;
    }
    if (next instanceof Failure f) {
      finished = true;
      if (f.cause() instanceof IOException io) {
        throw io;
      }
      if (f.cause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(f.cause());
    }
    return next;
  }

  /** Stops the reading thread unless it finished, and waits a moment for it to end. */
  @Override
  public void close() {
    if (!finished) {
      thread.interrupt();
    }
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
