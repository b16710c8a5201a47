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
    // six colas with their deposit, paid 5.00 by gift card: 6 × 0.69 = 4.14 + Pfand 1.50 = 5.64
    String cola = receipt.substring(receipt.indexOf("Gift card ") + 1);
    assertThat(cola)
        .containsPattern("Cola 0\\.33 l +4\\.14")
        .containsPattern("Pfand +1\\.50")
        .containsPattern("TOTAL EUR +5\\.64")
        .containsPattern("19% +4\\.74 +0\\.90 +5\\.64")
        .containsPattern("Gift card \\*\\*\\*\\* \\d{4} +5\\.00")
        .containsPattern("Cash +1\\.00")
        .containsPattern("Change +0\\.36")
        .containsPattern("Left on gift card \\*\\*\\*\\* \\d{4}: 20\\.00 EUR");
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
