package io.vruksha.retail.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code retail import}: being built. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Being built.")
final class ImportCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("retail import: not built yet");
    return Retail.FAILURE;
  }
}
