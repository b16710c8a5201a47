package io.vruksha.retail.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code retail report}: being built. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Being built.")
final class ReportCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("retail report: not built yet");
    return Retail.FAILURE;
  }
}
