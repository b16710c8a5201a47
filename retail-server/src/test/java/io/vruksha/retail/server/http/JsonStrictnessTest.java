package io.vruksha.retail.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vruksha.retail.server.api.CatalogApi;
import io.vruksha.retail.server.api.RegisterApi;
import io.vruksha.retail.server.api.StoreApi;
import io.vruksha.retail.server.api.SystemApi;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the request reader takes for text: only JSON strings. */
class JsonStrictnessTest {

  private final Json json = new Json();

  @Test
  void aBooleanIsNotText() {
    // found by HostileBodyPropertiesTest: {"pin": true} was read as the PIN "true"
    assertThatThrownBy(
            () ->
                json.fromJsonString(
                    "{\"staffId\":\"anna\",\"pin\":true}", SystemApi.LoginRequest.class))
        .isInstanceOf(BadJson.class)
        .satisfies(e -> assertThat(((BadJson) e).details()).containsExactly("pin"));
    assertThatThrownBy(
            () ->
                json.fromJsonString(
                    "{\"id\":\"s\",\"name\":false,\"currency\":\"EUR\",\"zone\":\"UTC\"}",
                    StoreApi.StoreRequest.class))
        .isInstanceOf(BadJson.class)
        .hasMessageContaining("'name'");
  }

  @Test
  void numbersAreNotTextEither() {
    assertThatThrownBy(
            () ->
                json.fromJsonString(
                    "{\"staffId\":7,\"pin\":\"1234\"}", SystemApi.LoginRequest.class))
        .isInstanceOf(BadJson.class);
  }

  @Test
  void aNullInsideAListOrAMapIs400NamingIt() {
    // found by HostileBodyPropertiesTest: {"variants": [null]} was a 500
    assertThatThrownBy(
            () ->
                json.fromJsonString(
                    "{\"id\":\"p\",\"name\":\"P\",\"category\":\"c\",\"taxCategory\":\"t\","
                        + "\"variants\":[null]}",
                    CatalogApi.ProductRequest.class))
        .isInstanceOf(BadJson.class)
        .hasMessage("field 'variants[0]' must not be null")
        .satisfies(e -> assertThat(((BadJson) e).details()).containsExactly("variants[0]"));
    assertThatThrownBy(
            () ->
                json.fromJsonString("{\"counted\":{\"CASH\":null}}", RegisterApi.CloseShift.class))
        .isInstanceOf(BadJson.class)
        .satisfies(e -> assertThat(((BadJson) e).details()).containsExactly("counted.CASH"));
  }

  @Test
  void aFieldGivenTwiceIs400() {
    // found by HostileBodyPropertiesTest: the last of two "staffId"s won, silently
    assertThatThrownBy(
            () ->
                json.fromJsonString(
                    "{\"staffId\":\"anna\",\"staffId\":\"admin\",\"pin\":\"1234\"}",
                    SystemApi.LoginRequest.class))
        .isInstanceOf(BadJson.class);
  }

  @Test
  void anIdentifierOver128CharactersIs400NamingIt() {
    // found by LongTextIT: a 3,000-character staffId overflowed a PostgreSQL index (a 503)
    String ok = "{\"staffId\":\"" + "a".repeat(128) + "\",\"pin\":\"1234\"}";
    assertThat(
            json.<SystemApi.LoginRequest>fromJsonString(ok, SystemApi.LoginRequest.class).staffId())
        .hasSize(128);
    assertThatThrownBy(
            () ->
                json.fromJsonString(
                    "{\"staffId\":\"" + "a".repeat(129) + "\",\"pin\":\"1234\"}",
                    SystemApi.LoginRequest.class))
        .isInstanceOf(BadJson.class)
        .hasMessage("field 'staffId' is longer than 128 characters");
    // text that is no identifier is bounded by the body's size only
    assertThat(
            json.<StoreApi.StoreRequest>fromJsonString(
                    "{\"id\":\"s\",\"name\":\""
                        + "n".repeat(5000)
                        + "\",\"currency\":\"EUR\",\"zone\":\"UTC\"}",
                    StoreApi.StoreRequest.class)
                .name())
        .hasSize(5000);
  }

  @Test
  void stringsAreText() {
    SystemApi.LoginRequest r =
        json.fromJsonString(
            "{\"staffId\":\"anna\",\"pin\":\"1234\"}", SystemApi.LoginRequest.class);
    assertThat(r.pin()).isEqualTo(Optional.of("1234"));
  }
}
