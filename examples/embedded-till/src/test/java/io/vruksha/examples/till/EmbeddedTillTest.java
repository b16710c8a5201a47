package io.vruksha.examples.till;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedTillTest {

  @Test
  void theTillPrintsAReceiptWhoseTotalsAddUp() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      EmbeddedTill.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String receipt = buffer.toString(StandardCharsets.UTF_8);
    assertThat(receipt)
        .contains("Vruksha Demo, Berlin", "3 mugs for 10.00", "Gouda (per kg)", "TOTAL EUR");
    assertThat(receipt).contains("Coupons: WELCOME10", "Receipt S001-", "Change", "Points earned:");
    // part cash, part BNPL: a receipt only after the approval; a decline releases the stock
    assertThat(receipt)
        .contains(
            "BNPL pending: PAYMENT_PENDING, customer approves at https://bnpl.example/approve/",
            "T-shirts M reserved: 2, no receipt number yet",
            "BNPL approved: Receipt S001-",
            "BNPL declined: sale RELEASED, T-shirts M reserved: 0, nothing in the journal");
    // the reactions ran in process: the day's report holds the one sale, its total the receipt's
    String total = line(receipt, "TOTAL EUR").replace("TOTAL EUR", "").trim();
    assertThat(receipt).contains("Sales report ");
    assertThat(line(receipt, "Sales     ").replace("Sales", "").trim()).isEqualTo("1");
    assertThat(line(receipt, "Gross").replace("Gross", "").trim()).isEqualTo(total);
    assertThat(receipt).containsPattern("MUG +3 units");
  }

  private static String line(String text, String start) {
    return text.lines()
        .filter(l -> l.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting " + start + " in\n" + text));
  }
}
