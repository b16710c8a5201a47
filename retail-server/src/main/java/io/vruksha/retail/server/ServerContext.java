package io.vruksha.retail.server;

import io.vruksha.retail.auth.Logins;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.engine.RetailEngine;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the route groups need: the engine, logins and tokens, the configuration, the version, and
 * the readiness checks of the dependencies (name to "is it up").
 *
 * @param engine the engine
 * @param logins staff login
 * @param tokens token issue and verification
 * @param config the configuration
 * @param version the server's version
 * @param dependencies readiness checks by name (database, nats)
 */
public record ServerContext(
    RetailEngine engine,
    Logins logins,
    Tokens tokens,
    ServerConfig config,
    String version,
    Map<String, Supplier<Boolean>> dependencies) {}
