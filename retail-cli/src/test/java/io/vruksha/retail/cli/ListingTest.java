package io.vruksha.retail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ListingTest {

  private static Listing listing() {
    return new Listing("sku", "units", "revenue", "note")
        .add("MUG", 3, "14.97", null)
        .add("TEE-M", 12, "239.88", "say \"hi\", then\nleave");
  }

  @Test
  void tableAlignsColumns() {
    assertThat(listing().table())
        .isEqualTo(
            "sku    units  revenue  note\n"
                + "MUG    3      14.97\n"
                + "TEE-M  12     239.88   say \"hi\", then\nleave\n");
  }

  @Test
  void csvQuotesWhatNeedsIt() {
    assertThat(listing().csv())
        .isEqualTo(
            "sku,units,revenue,note\n"
                + "MUG,3,14.97,\n"
                + "TEE-M,12,239.88,\"say \"\"hi\"\", then\nleave\"\n");
  }

  @Test
  void jsonEscapes() {
    assertThat(listing().json())
        .isEqualTo(
            "[\n"
                + "  {\"sku\": \"MUG\", \"units\": \"3\", \"revenue\": \"14.97\", \"note\": \"\"},\n"
                + "  {\"sku\": \"TEE-M\", \"units\": \"12\", \"revenue\": \"239.88\","
                + " \"note\": \"say \\\"hi\\\", then\\nleave\"}\n"
                + "]");
    assertThat(new Listing("a").json()).isEqualTo("[]");
  }

  @Test
  void helpOnEveryNewCommand() {
    String[][] commands = {
      {"db", "migrate"}, {"db", "status"}, {"journal", "verify"}, {"report", "daily-sales"},
      {"report", "tax"}, {"report", "z"}, {"report", "product-performance"}, {"report", "loyalty"},
      {"reconcile", "stock"}, {"reconcile", "sales"}, {"reconcile", "shift"}, {"events", "replay"}
    };
    for (String[] c : commands) {
      CliRun r = CliRun.run(Map.of(), c[0], c[1], "--help");
      assertThat(r.code()).as(String.join(" ", c)).isZero();
      assertThat(r.out()).as(String.join(" ", c)).contains("Usage: retail " + c[0] + " " + c[1]);
    }
    assertThat(CliRun.run(Map.of(), "report").code()).isEqualTo(Retail.USAGE);
    assertThat(CliRun.run(Map.of(), "reconcile", "stock").code()).isEqualTo(Retail.USAGE);
  }
}
