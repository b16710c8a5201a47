package io.vruksha.retail.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code retail reconcile}: being built. */
@Command(name = "reconcile", mixinStandardHelpOptions = true, description = "Being built.")
final class ReconcileCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("retail reconcile: not built yet");
    return Retail.FAILURE;
  }
}
