package io.vruksha.retail.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code retail journal}: being built. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Being built.")
final class JournalCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("retail journal: not built yet");
    return Retail.FAILURE;
  }
}
