package io.vruksha.retail.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code retail db}: being built. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Being built.")
final class DbCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("retail db: not built yet");
    return Retail.FAILURE;
  }
}
