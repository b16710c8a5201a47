package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.postgres.TestDatabase;
import io.vruksha.retail.pricing.BasketRequest;
import io.vruksha.retail.pricing.PricedBasket;
import io.vruksha.retail.promotion.PromotionId;
import io.vruksha.retail.store.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code retail import promotions}: promotions from a file, priced in by the engine. */
class ImportPromotionsIT {

  @TempDir Path dir;

  @Test
  void promotionsImportAndPriceWhileBadRowsAreRejected() throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    Map<String, String> env = CliRun.env(db);
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    String file = Path.of(getClass().getResource("/import/promotions.csv").toURI()).toString();
    Path rejects = dir.resolve("rejects.csv");

    CliRun run =
        CliRun.run(
            env,
            "import",
            "promotions",
            "--store",
            "demo",
            "--quiet",
            "--rejects",
            rejects.toString(),
            file);
    assertThat(run.code()).as(run.toString()).isEqualTo(Retail.DISCREPANCIES);
    assertThat(run.err() + run.out()).contains("imported 2, rejected 3");
    String rejected = Files.readString(rejects);
    assertThat(rejected).contains("4,", "unknown SKU GHOST").contains("5,").contains("6,", "tiers");

    // a second engine (another process) reads them from the database: 2 cakes for 5.00
    RetailEngine other = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    PricedBasket cakes =
        other.priceBasket(
            BasketRequest.builder(DemoStore.ID).add("CAKE", 2).build(), Actor.cashier("a"));
    assertThat(cakes.total().toString()).isEqualTo("5.00 EUR");
    assertThat(cakes.promotions())
        .anySatisfy(p -> assertThat(p.label()).isEqualTo("2 cakes for 5.00"));
    assertThat(
            other.promotions().find(PromotionId.of("TEE20")).orElseThrow().eligibility().stores())
        .extracting(Object::toString)
        .containsExactly("demo");

    // the same file again changes nothing
    CliRun again = CliRun.run(env, "import", "promotions", "--store", "demo", "--quiet", file);
    assertThat(again.err() + again.out()).contains("imported 0").contains("skipped 2");
  }

  @Test
  void fromAndUntilReadADateAloneOrTheDateFormatAsTheStartOfTheDayInTheStoresZone()
      throws Exception {
    PostgresDatabase db = TestDatabase.fresh();
    Map<String, String> env = CliRun.env(db);
    RetailEngine engine = PostgresAdapters.use(db, DemoStore.engineBuilder()).build();
    DemoStore.seed(engine);
    Path iso = dir.resolve("iso.csv");
    Files.writeString(
        iso,
        "promotion_id,label,type,skus,percent,from,until\n"
            + "XMAS,Christmas,PERCENT_OFF,MUG,10,2026-12-01,2027-01-01\n"
            + "NANO,Nanos,PERCENT_OFF,MUG,10,2026-12-01T10:00:00.123456789Z,\n");
    Path dotted = dir.resolve("dotted.csv");
    Files.writeString(
        dotted,
        "promotion_id,label,type,skus,percent,from,until\n"
            + "EASTER,Easter,PERCENT_OFF,MUG,10,02.04.2026,06.04.2026 12:00\n");

    CliRun a =
        CliRun.run(env, "import", "promotions", "--store", "demo", "--quiet", iso.toString());
    CliRun b =
        CliRun.run(
            env,
            "import",
            "promotions",
            "--store",
            "demo",
            "--quiet",
            dotted.toString(),
            "--date-format",
            "dd.MM.yyyy[ HH:mm]");

    assertThat(a.code()).as(a.toString()).isZero();
    assertThat(b.code()).as(b.toString()).isZero();
    var xmas = engine.promotions().find(PromotionId.of("XMAS")).orElseThrow().eligibility();
    // midnight in Berlin (CET, +01:00)
    assertThat(xmas.from()).contains(Instant.parse("2026-11-30T23:00:00Z"));
    assertThat(xmas.until()).contains(Instant.parse("2026-12-31T23:00:00Z"));
    assertThat(engine.promotions().find(PromotionId.of("NANO")).orElseThrow().eligibility().from())
        .contains(Instant.parse("2026-12-01T10:00:00.123456Z"));
    var easter = engine.promotions().find(PromotionId.of("EASTER")).orElseThrow().eligibility();
    // CEST, +02:00
    assertThat(easter.from()).contains(Instant.parse("2026-04-01T22:00:00Z"));
    assertThat(easter.until()).contains(Instant.parse("2026-04-06T10:00:00Z"));
  }
}
