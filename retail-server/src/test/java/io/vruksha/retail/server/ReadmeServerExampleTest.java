package io.vruksha.retail.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's curl example, its bodies read from the README itself, sells what it says. */
class ReadmeServerExampleTest {

  @Test
  void theReadmeCurlExampleCompletesTheSaleItDescribes() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Run the server");
    String block = readme.substring(section, readme.indexOf("## Test it", section));
    Matcher bodies = Pattern.compile("-d '([^']*)'", Pattern.DOTALL).matcher(block);
    List<String> json = new ArrayList<>();
    while (bodies.find()) {
      json.add(bodies.group(1));
    }
    assertThat(json).hasSize(2);
    assertThat(block)
        .contains("localhost:8901/api/v1/stores/demo/sales", "Idempotency-Key: till-1:0001");

    try (RetailServer server = RetailServer.start(DemoServerTest.config(), Map.of())) {
      TestClient client = new TestClient(server);
      TestClient.Response login = client.post("/api/v1/auth/login", null, json.get(0));
      assertThat(login.status()).isEqualTo(200);
      String token = login.data().get("token").asText();
      TestClient.Response sale =
          client.post("/api/v1/stores/demo/sales", token, json.get(1), "till-1:0001");
      assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
      JsonNode data = sale.data();
      assertThat(data.get("number").asText()).matches("S001-\\d{4}-000001");
      assertThat(data.get("basket").get("total").get("amount").asText()).isEqualTo("44.97");
      assertThat(data.get("basket").get("tax").get("amount").asText()).isEqualTo("7.18");
      assertThat(data.get("change").get("amount").asText()).isEqualTo("5.03");
      assertThat(block).contains("`44.97`", "`7.18`", "`5.03`");
      TestClient.Response again =
          client.post("/api/v1/stores/demo/sales", token, json.get(1), "till-1:0001");
      assertThat(again.data().get("id").asText()).isEqualTo(data.get("id").asText());
    }
  }
}
