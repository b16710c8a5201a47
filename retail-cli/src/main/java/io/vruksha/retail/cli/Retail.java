package io.vruksha.retail.cli;

import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.work.Acting;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code retail}: the back office's command line. Exit codes: 0 fine, 1 discrepancies or rejected
 * rows, 2 usage error (the command line was wrong), 3 failure (a dependency down, a file or stored
 * data that cannot be read).
 */
@Command(
    name = "retail",
    mixinStandardHelpOptions = true,
    versionProvider = Retail.Version.class,
    description = "Vruksha retail engine: back-office batch work.",
    subcommands = {
      AuthCommand.class,
      DbCommand.class,
      ImportCommand.class,
      ReconcileCommand.class,
      ReportCommand.class,
      EventsCommand.class,
      JournalCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:fine",
      "1:discrepancies found or rows rejected",
      "2:usage error (the command line was wrong)",
      "3:failure (a dependency down, a file or stored data that cannot be read)"
    })
public final class Retail implements Runnable {

  /** Fine. */
  public static final int OK = 0;

  /** Discrepancies found or rows rejected. */
  public static final int DISCREPANCIES = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** Something failed. */
  public static final int FAILURE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  /**
   * The command line with the environment {@code env} and the given output streams. Enum options
   * take their values in any case ({@code --role admin}, {@code --format CSV}). Exit codes are
   * mapped here and only here ({@link #exitCode}).
   */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Retail(), new Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    // after the constructor: applies to every subcommand registered by then, which is all of them
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(Retail::exitCode);
    // every audit entry a command writes names its operator (docs/security.md)
    cli.setExecutionStrategy(
        parsed -> Acting.as(operator(), () -> new CommandLine.RunLast().execute(parsed)));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          commandLine.getErr().println("retail: " + e.getMessage());
          return exitCode(e);
        });
    return cli;
  }

  /**
   * Who the command line acts for in the audit trail: {@code cli:} and the operating-system user
   * that runs it, the one name the process can vouch for (a command-line option would let the
   * operator write any name).
   */
  static String operator() {
    String user = System.getProperty("user.name", "");
    return "cli:" + (user.isBlank() ? "unknown" : user.strip());
  }

  /**
   * The exit code of a command that ended with {@code e}: 2 for what was wrong on the command line
   * (a picocli parameter error, an invalid value given as an option, such as a store id that is not
   * one); 3 for everything else, among it stored data that cannot be read ({@link
   * StoredDataException}), a dependency down and a file that cannot be read.
   */
  static int exitCode(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (e instanceof StoredDataException) {
      return FAILURE;
    }
    if (e instanceof InvalidInputException) {
      // thrown outside a read of stored data (StoreSession wraps those): an option's value
      return USAGE;
    }
    return FAILURE;
  }

  /** Runs {@code args} and exits with the command's code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(System.getenv(), out, err).execute(args));
  }

  /** Gives commands the environment they run in. */
  static final class Factory implements CommandLine.IFactory {
    private final Map<String, String> env;

    Factory(Map<String, String> env) {
      this.env = env;
    }

    /** A command with a constructor taking the environment gets it; others are made as usual. */
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        var withEnv = cls.getDeclaredConstructor(Map.class);
        withEnv.setAccessible(true);
        return cls.cast(withEnv.newInstance(env));
      } catch (NoSuchMethodException noEnv) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  /** The version, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Package p = Retail.class.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return new String[] {"retail " + (v == null ? "dev" : v)};
    }
  }
}
