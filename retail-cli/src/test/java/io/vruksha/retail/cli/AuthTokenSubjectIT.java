package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresCredentials;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.PostgresStaff;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code retail auth token --subject}: a member of staff's token at their current version, read
 * from the database as the application role; refused for an id that is no member or a role above
 * theirs; dead once the member's version moves on.
 */
class AuthTokenSubjectIT {

  private static final String SECRET = "a-cli-test-secret-of-at-least-32-chars";

  @Test
  void aMembersTokenCarriesTheirVersionAndEndsWithIt() {
    PostgresDatabase owner = TestDatabase.fresh();
    var engine = PostgresAdapters.use(owner, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    EngineHost.unitOfWork(engine)
        .runFor(
            DemoStore.ID,
            () -> {
              engine
                  .workforce()
                  .staff()
                  .save(new StaffMember("mia", "Mia", DemoStore.ID, Role.MANAGER));
              engine.credentials().nextTokenVersion("mia");
              return null;
            });
    Map<String, String> app = new HashMap<>(CliRun.env(owner));
    app.put("DB_USER", TestDatabase.appConfig().user());
    app.put("DB_PASSWORD", "");
    app.put("JWT_SECRET", SECRET);

    CliRun minted =
        CliRun.run(
            app, "auth", "token", "--role", "MANAGER", "--store", "demo", "--subject", "mia");
    assertThat(minted.code()).as(minted.toString()).isZero();
    PostgresCredentials credentials = new PostgresCredentials(owner);
    PostgresStaff staff = new PostgresStaff(owner);
    Tokens checked =
        Tokens.checked(SECRET, Clock.systemUTC(), s -> credentials.tokenVersion(s, staff));
    assertThat(checked.verify(minted.out().strip()).subject()).isEqualTo("mia");

    // no such member, or a role above hers: refused, nothing printed
    CliRun ghost =
        CliRun.run(
            app, "auth", "token", "--role", "CASHIER", "--store", "demo", "--subject", "ghost");
    assertThat(ghost.code()).isEqualTo(Retail.USAGE);
    assertThat(ghost.err()).contains("no member of staff ghost");
    assertThat(ghost.out()).isBlank();
    CliRun above =
        CliRun.run(app, "auth", "token", "--role", "ADMIN", "--store", "*", "--subject", "mia");
    assertThat(above.code()).isEqualTo(Retail.USAGE);

    // her PIN changes: the minted token ends like a login's would
    EngineHost.unitOfWork(engine)
        .runFor(
            DemoStore.ID,
            () -> {
              engine.credentials().setSecrets("mia", Optional.empty(), Optional.of("$2a$04$x"));
              return null;
            });
    assertThatThrownBy(() -> checked.verify(minted.out().strip()))
        .hasMessageContaining("no longer valid");
  }
}
