package io.vruksha.retail.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code retail events}: being built. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Being built.")
final class EventsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("retail events: not built yet");
    return Retail.FAILURE;
  }
}
