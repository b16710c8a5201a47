package io.vruksha.retail.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Run by failsafe with the module's other tests (surefire is off here); needs no database. */
class PostgresConfigIT {

  @Test
  void oneHostIsAPlainUrl() {
    PostgresConfig c = PostgresConfig.from(Map.of("DB_HOST", "db1", "DB_PORT", "5433"));
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5433/vruksha?sslmode=prefer");
  }

  @Test
  void severalHostsAskForThePrimary() {
    PostgresConfig c =
        PostgresConfig.from(Map.of("DB_HOST", "db1, db2:5434", "DB_PORT", "5433", "DB_NAME", "r"));
    assertThat(c.hosts()).containsExactly("db1:5433", "db2:5434");
    assertThat(c.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db1:5433,db2:5434/r?sslmode=prefer&targetServerType=primary");
  }

  @Test
  void anEmptyEntryOrABadPortIsRefused() {
    assertThatThrownBy(() -> PostgresConfig.from(Map.of("DB_HOST", "db1,")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty entry");
    assertThatThrownBy(() -> PostgresConfig.from(Map.of("DB_HOST", "db1,db2:99999")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("db2:99999");
  }
}
