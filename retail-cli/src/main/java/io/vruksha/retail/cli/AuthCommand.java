package io.vruksha.retail.cli;

import io.vruksha.retail.server.auth.Principal;
import io.vruksha.retail.server.auth.Tokens;
import io.vruksha.retail.store.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retail auth}: tokens for API clients and scripts. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Tokens for the REST API.",
    subcommands = {AuthCommand.Token.class})
final class AuthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: token");
  }

  /** {@code retail auth token --role R --store S [--ttl D]}. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Mints a bearer token signed with JWT_SECRET from the environment and prints it.",
        "Example: retail auth token --role MANAGER --store demo --ttl 1h"
      })
  static final class Token implements Callable<Integer> {

    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--role",
        required = true,
        description = "CASHIER, SUPERVISOR, MANAGER or ADMIN")
    Role role;

    @Option(
        names = "--store",
        required = true,
        description = "a store the token may touch (repeat for several; * for every store)")
    List<String> stores;

    @Option(
        names = "--ttl",
        defaultValue = "8h",
        description = "how long it lasts: 30m, 8h, 7d or PT8H (default: ${DEFAULT-VALUE})")
    String ttl;

    @Option(
        names = "--subject",
        defaultValue = "cli",
        description = "who the token speaks for (default: ${DEFAULT-VALUE})")
    String subject;

    Token(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      String secret = env.get("JWT_SECRET");
      if (secret == null || secret.length() < 32) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "set JWT_SECRET (at least 32 characters) to the server's secret");
      }
      Duration lasts;
      try {
        lasts = io.vruksha.retail.server.ServerConfig.from(Map.of("TOKEN_TTL", ttl)).tokenTtl();
      } catch (io.vruksha.retail.RetailException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--ttl " + ttl + " is not a duration: use e.g. 30m, 8h, 7d or PT8H");
      }
      Set<String> scope = new LinkedHashSet<>();
      for (String s : stores) {
        if (!s.equals(Principal.ALL_STORES)) {
          io.vruksha.retail.store.StoreId.of(s); // validates the id
        }
        scope.add(s);
      }
      spec.commandLine()
          .getOut()
          .println(new Tokens(secret, Clock.systemUTC()).issue(subject, role, scope, lasts));
      return Retail.OK;
    }
  }
}
