package io.vruksha.retail.cli;

import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.postgres.PostgresCredentials;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresStaff;
import io.vruksha.retail.store.Credentials;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.Staff;
import io.vruksha.retail.store.StoreId;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * {@code retail auth token --role R --store S [--ttl D] [--service NAME | --subject STAFF_ID]}: a
   * service token by default, or a member of staff's token at their current token version.
   */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Mints a bearer token signed with JWT_SECRET from the environment and prints it.",
        "By default a service token for a script or integration (--service, default 'cli'): no"
            + " member of staff's, it ends at its expiry (at most 30d) or when JWT_SECRET changes.",
        "With --subject, a member of staff's token at their current token version, read from the"
            + " database (DB_* or --db-url): it ends when they are removed, locked, change role or"
            + " change password or PIN, like a login's. Refused for a staff id that does not exist"
            + " or a role above theirs.",
        "Example: retail auth token --role MANAGER --store demo --ttl 1h"
      })
  static final class Token implements Callable<Integer> {

    private final Map<String, String> env;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

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

    @Option(names = "--service", description = "the service the token is for (default: cli)")
    String service;

    @Option(
        names = "--subject",
        description = "a member of staff's id: their token, checked against the database")
    String subject;

    Token(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      CommandLine cli = spec.commandLine();
      String secret = env.get("JWT_SECRET");
      if (secret == null || secret.length() < 32) {
        throw new CommandLine.ParameterException(
            cli, "set JWT_SECRET (at least 32 characters) to the server's secret");
      }
      if (subject != null && service != null) {
        throw new CommandLine.ParameterException(cli, "give --service or --subject, not both");
      }
      Duration lasts;
      try {
        lasts = Tokens.lifetime(ttl);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            cli, "--ttl " + ttl + " is not a duration: use e.g. 30m, 8h, 7d or PT8H");
      }
      Set<String> scope = new LinkedHashSet<>();
      for (String s : stores) {
        if (!s.equals(Principal.ALL_STORES)) {
          StoreId.of(s); // validates the id
        }
        scope.add(s);
      }
      String token = subject == null ? service(secret, scope, lasts) : staff(secret, scope, lasts);
      cli.getOut().println(token);
      return Retail.OK;
    }

    private String service(String secret, Set<String> scope, Duration lasts) {
      if (lasts.compareTo(Tokens.SERVICE_MAX_TTL) > 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "a service token lasts at most 30d: --ttl " + ttl);
      }
      String name = service == null ? "cli" : service;
      return new Tokens(secret, Clock.systemUTC()).issueService(name, role, scope, lasts);
    }

    /** A member's token: without a database there is no member to check, so none. */
    private String staff(String secret, Set<String> scope, Duration lasts) {
      CommandLine cli = spec.commandLine();
      if ((database.url == null || database.url.isBlank())
          && (env.get("DB_HOST") == null || env.get("DB_HOST").isBlank())) {
        throw new CommandLine.ParameterException(
            cli,
            "--subject needs the database (DB_HOST or --db-url) to read the member's token"
                + " version; without one, mint a service token (--service)");
      }
      try (PostgresDatabase db = database.connect(env, cli)) {
        Staff staff = new PostgresStaff(db);
        Optional<Role> highest = staff.highestRole(subject);
        if (highest.isEmpty()) {
          throw new CommandLine.ParameterException(cli, "no member of staff " + subject);
        }
        if (role.ordinal() > highest.get().ordinal()) {
          throw new CommandLine.ParameterException(
              cli, subject + " is a " + highest.get() + ": no " + role + " token for them");
        }
        Credentials credentials = new PostgresCredentials(db);
        return Tokens.checked(secret, Clock.systemUTC(), s -> credentials.tokenVersion(s, staff))
            .issueCurrent(subject, role, scope, lasts);
      }
    }
  }
}
