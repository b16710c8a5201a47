package io.vruksha.retail.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vruksha.retail.ErrorCode;
import io.vruksha.retail.InvalidInputException;
import io.vruksha.retail.RetailException;
import io.vruksha.retail.auth.DemoStaff;
import io.vruksha.retail.auth.Logins;
import io.vruksha.retail.auth.Passwords;
import io.vruksha.retail.auth.Principal;
import io.vruksha.retail.auth.SecretPolicy;
import io.vruksha.retail.auth.Tokens;
import io.vruksha.retail.engine.DemoStore;
import io.vruksha.retail.engine.EngineHost;
import io.vruksha.retail.engine.RetailEngine;
import io.vruksha.retail.memory.CaffeineCache;
import io.vruksha.retail.postgres.PostgresAdapters;
import io.vruksha.retail.postgres.PostgresConfig;
import io.vruksha.retail.postgres.PostgresDatabase;
import io.vruksha.retail.reaction.OutboxReactions;
import io.vruksha.retail.reaction.Reactions;
import io.vruksha.retail.server.api.AdminApi;
import io.vruksha.retail.server.api.AftersalesApi;
import io.vruksha.retail.server.api.BillingApi;
import io.vruksha.retail.server.api.CartApi;
import io.vruksha.retail.server.api.CatalogApi;
import io.vruksha.retail.server.api.CustomerApi;
import io.vruksha.retail.server.api.GiftCardApi;
import io.vruksha.retail.server.api.NotificationApi;
import io.vruksha.retail.server.api.OrderApi;
import io.vruksha.retail.server.api.PaymentApi;
import io.vruksha.retail.server.api.ProcurementApi;
import io.vruksha.retail.server.api.RegisterApi;
import io.vruksha.retail.server.api.ReportApi;
import io.vruksha.retail.server.api.SaleApi;
import io.vruksha.retail.server.api.StockApi;
import io.vruksha.retail.server.api.StoreApi;
import io.vruksha.retail.server.api.SystemApi;
import io.vruksha.retail.server.api.TillApi;
import io.vruksha.retail.server.api.TillDataApi;
import io.vruksha.retail.server.http.Api;
import io.vruksha.retail.server.http.ApiRoute;
import io.vruksha.retail.server.http.Errors;
import io.vruksha.retail.server.http.JettyErrors;
import io.vruksha.retail.server.http.Json;
import io.vruksha.retail.server.http.OpenApiDocument;
import io.vruksha.retail.server.http.RateLimits;
import io.vruksha.retail.server.http.RequestIds;
import io.vruksha.retail.server.notify.HttpWebhookDelivery;
import io.vruksha.retail.server.notify.LapsedOrders;
import io.vruksha.retail.server.notify.NotificationDeliverer;
import io.vruksha.retail.store.Role;
import io.vruksha.retail.store.StaffMember;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine over REST: a thin Javalin server with no business rule of its own. With no {@code
 * DB_HOST} it runs the in-memory adapters and the demo store; with {@code DB_HOST}, PostgreSQL, and
 * with {@code NATS_URL} too the outbox relay and the reactions start with it. {@link #close} drains
 * requests, stops the relay and the reactions, and closes the pools.
 */
public final class RetailServer implements AutoCloseable {

  /**
   * The listen backlog of the HTTP port: connections the kernel holds for Jetty to accept. Linux
   * caps it at {@code net.core.somaxconn} (4096 by default).
   */
  static final int ACCEPT_QUEUE = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RetailServer.class);

  /** The demo admin's password (demo mode only). */
  public static final String DEMO_ADMIN_PASSWORD = DemoStaff.ADMIN_PASSWORD;

  /** The demo manager max's password (demo mode only). */
  public static final String DEMO_MANAGER_PASSWORD = DemoStaff.MANAGER_PASSWORD;

  /** The demo manager max's PIN (demo mode only). */
  public static final String DEMO_MANAGER_PIN = DemoStaff.MANAGER_PIN;

  /** The demo cashier anna's PIN (demo mode only). */
  public static final String DEMO_CASHIER_PIN = DemoStaff.CASHIER_PIN;

  private final Javalin app;
  private final RetailEngine engine;
  private final ServerContext context;
  private final Api api;
  private final List<AutoCloseable> resources;
  private final Optional<String> demoToken;

  private RetailServer(
      Javalin app,
      RetailEngine engine,
      ServerContext context,
      Api api,
      List<AutoCloseable> resources,
      Optional<String> demoToken) {
    this.app = app;
    this.engine = engine;
    this.context = context;
    this.api = api;
    this.resources = resources;
    this.demoToken = demoToken;
  }

  /** Starts the server as the environment describes, until the process is stopped. */
  public static void main(String[] args) {
    ServerConfig config;
    try {
      config = ServerConfig.from(System.getenv());
    } catch (RetailException e) {
      System.err.println("retail-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    RetailServer server;
    try {
      server = start(config, System.getenv());
    } catch (InvalidInputException e) {
      System.err.println("retail-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vruksha-shutdown"));
    System.out.println(
        "retail-server "
            + server.context.version()
            + " listening on http://localhost:"
            + server.port());
    server.demoToken.ifPresent(
        t -> {
          System.out.println("demo mode: in-memory store 'demo', no database.");
          System.out.println("demo admin token (every store, 8 h):");
          System.out.println(t);
          System.out.println(
              "or log in: POST /api/v1/auth/login {\"staffId\":\"admin\",\"password\":\""
                  + DEMO_ADMIN_PASSWORD
                  + "\"}; the cashier anna has PIN "
                  + DEMO_CASHIER_PIN);
        });
  }

  /** Delivers webhook notifications, signed with {@code NOTIFY_WEBHOOK_SECRET}, when it is set. */
  private static void deliverNotifications(
      RetailEngine engine, Map<String, String> env, List<AutoCloseable> resources) {
    // payments: the flags' providers, and the re-check of pending ones (on start, then every 5 s)
    resources.add(PendingPayments.start(engine, 5));
    resources.add(LapsedOrders.start(engine, Clock.systemUTC(), 60));
    String secret = env.get("NOTIFY_WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      return;
    }
    if (secret.length() < 16) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION, "NOTIFY_WEBHOOK_SECRET must be at least 16 characters long");
    }
    resources.add(
        NotificationDeliverer.start(
            engine, List.of(new HttpWebhookDelivery(secret, Clock.systemUTC())), 5));
  }

  /** Starts a server as {@code config} says, with the database and NATS named in {@code env}. */
  public static RetailServer start(ServerConfig config, Map<String, String> env) {
    List<AutoCloseable> resources = new ArrayList<>();
    Map<String, Supplier<Boolean>> deps = new LinkedHashMap<>();
    try {
      if (config.demo()) {
        RetailEngine.Builder builder =
            config.loyalty()
                ? DemoStore.engineBuilder()
                : RetailEngine.builder()
                    .embeddedBarcode(DemoStore.SCALE_LABELS)
                    .embeddedBarcode(DemoStore.MARKDOWN_LABELS);
        // the in-memory engine runs the enabled reactions itself, after each unit of work
        RetailEngine engine = builder.reactions(config.reactions()).build();
        DemoStore.seed(engine);
        deliverNotifications(engine, env, resources);
        return start(config, engine, resources, deps, true, env);
      }
      PostgresDatabase db = PostgresDatabase.connect(PostgresConfig.from(env));
      CaffeineCache near = new CaffeineCache(100_000);
      resources.add(new PostgresRuntime(db, near));
      leastPrivilege(db, ServerConfig.allowOwner(env));
      deps.put(
          "database",
          () ->
              db.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1));
      RetailEngine engine;
      if (config.natsUrl().isPresent()) {
        NatsRuntime nats = NatsRuntime.start(env, db, near, config);
        resources.add(0, nats);
        deps.put("nats", nats::connected);
        engine = nats.engine();
      } else {
        engine = PostgresAdapters.use(db, RetailEngine.builder(), near).build();
      }
      PendingPayments.register(engine, env, false);
      deliverNotifications(engine, env, resources);
      return start(config, engine, resources, deps, false);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /**
   * Serves only as the application role (docs/security.md): a login role in {@code vruksha_app},
   * neither superuser nor owner, so row-level security applies to every request. A superuser or
   * owner is refused unless {@code allowOwner} (DB_ALLOW_OWNER=true, development), and then the
   * server migrates the schema itself; the application role cannot, so the schema must be up to
   * date ({@code retail db migrate}, as the owner).
   */
  static void leastPrivilege(PostgresDatabase db, boolean allowOwner) {
    Optional<String> privileged = db.privilegedRole();
    if (privileged.isPresent()) {
      if (!allowOwner) {
        throw new InvalidInputException(
            ErrorCode.VALIDATION,
            "refusing to serve as "
                + db.config().user()
                + ": "
                + privileged.get()
                + ", so row-level security would not apply. Connect as a login role in"
                + " vruksha_app (scripts/app-role.sh, docs/security.md), or set"
                + " DB_ALLOW_OWNER=true for development");
      }
      LOG.warn(
          "serving as {} ({}): DB_ALLOW_OWNER is set, row-level security does not apply",
          db.config().user(),
          privileged.get());
      db.migrate();
      return;
    }
    List<String> pending = db.pendingMigrations();
    if (!pending.isEmpty()) {
      throw new InvalidInputException(
          ErrorCode.VALIDATION,
          "the schema of "
              + db.config().database()
              + " is behind this server (pending: "
              + String.join(", ", pending)
              + "): run `retail db migrate` as the schema's owner first");
    }
  }

  /**
   * Starts a server on an engine built by the caller (an embedding program, a test): {@code
   * resources} are closed with the server, {@code dependencies} are its readiness checks. Without
   * NATS the reactions run in process on the engine's outbox.
   */
  public static RetailServer start(
      ServerConfig config,
      RetailEngine engine,
      List<AutoCloseable> resources,
      Map<String, Supplier<Boolean>> dependencies,
      boolean demo) {
    return start(config, engine, resources, dependencies, demo, Map.of());
  }

  private static RetailServer start(
      ServerConfig config,
      RetailEngine engine,
      List<AutoCloseable> resources,
      Map<String, Supplier<Boolean>> dependencies,
      boolean demo,
      Map<String, String> env) {
    List<AutoCloseable> owned = new ArrayList<>(resources);
    String secret = config.jwtSecret().orElseGet(Tokens::randomSecret);
    // a token speaks for a member of staff only while they exist at the token's version
    Tokens tokens =
        Tokens.checked(
            secret,
            Clock.systemUTC(),
            subject -> engine.credentials().tokenVersion(subject, engine.workforce().staff()),
            config.tokenCheckCache(),
            Ticker.systemTicker());
    Logins logins =
        new Logins(
            engine,
            new Passwords(10),
            tokens,
            Clock.systemUTC(),
            config.loginThrottling(),
            new SecretPolicy(config.passwordMinLength(), config.pinMinLength()),
            config.tokenTtl());
    if (!engine.reactsInProcess() && !dependencies.containsKey("nats")) {
      // without NATS and without the engine's own: the reactions on a thread, off the requests
      owned.add(0, OutboxReactions.on(new Reactions(engine, config.reactions()), engine).start());
    }
    ServerContext context =
        new ServerContext(engine, logins, tokens, config, version(), Map.copyOf(dependencies));
    Optional<String> demoToken = Optional.empty();
    if (demo) {
      // the simulated providers, behind the payment flags of env
      PendingPayments.register(engine, env, true);
    }
    if (demo) {
      demoToken = Optional.of(seedDemoStaff(engine, logins, tokens, config));
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    Gauge.builder("retail.outbox.pending", engine, RetailEngine::pendingEvents)
        .description(
            "events committed but not yet relayed or handled: the relay's lag (PostgreSQL counts"
                + " up to 1,000,000)")
        .register(registry);
    for (AutoCloseable r : owned) {
      if (r instanceof MeterBinder binder) {
        binder.bindTo(registry);
      }
    }
    List<ApiRoute> routes = new ArrayList<>(apiRoutes(context));
    routes.add(
        ApiRoute.route(HandlerType.GET, "/metrics")
            .errors(ErrorCode.UNAUTHENTICATED) // with METRICS_TOKEN set
            .doc(
                "system",
                "Prometheus metrics, in the text format; with METRICS_TOKEN set, only for"
                    + " Authorization: Bearer <METRICS_TOKEN>")
            .open()
            .raw()
            .returns(String.class)
            .to(
                call -> {
                  config
                      .metricsToken()
                      .ifPresent(t -> MetricsScrape.requireToken(call.context(), t));
                  call.context().contentType(MetricsScrape.PROMETHEUS_TEXT);
                  return registry.scrape();
                }));
    String[] openapi = new String[1];
    routes.add(
        ApiRoute.route(HandlerType.GET, "/openapi.json")
            .doc("system", "This document")
            .open()
            .raw()
            .returns(Object.class)
            .to(
                call -> {
                  call.context().contentType("application/json");
                  return openapi[0];
                }));
    routes.add(
        ApiRoute.route(HandlerType.GET, "/docs")
            .doc("system", "The API, browsable: Swagger UI on /openapi.json, served by this server")
            .open()
            .raw()
            .returns(String.class)
            .to(
                call -> {
                  call.context().contentType("text/html; charset=utf-8");
                  return ApiPage.html(OpenApiDocument.build(routes, context.version()));
                }));
    openapi[0] = OpenApiDocument.json(routes, context.version());
    Api api =
        new Api(
            routes,
            tokens,
            new RateLimits(config.rateLimitPerToken(), config.rateLimitPerIp()),
            registry,
            config.maxBodyBytes(),
            EngineHost.unitOfWork(engine));
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.jsonMapper(new Json());
              cfg.http.maxRequestSize = config.maxBodyBytes();
              cfg.http.defaultContentType = "application/json";
              cfg.startup.showJavalinBanner = false;
              // the connector Javalin would make, with a listen backlog for a burst of tills: the
              // JDK's default of 50 overflowed when 1,000 connections opened at once, and the
              // kernel's SYN cookies then reset some of them
              cfg.jetty.addConnector(
                  (server, http) -> {
                    var connector = new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setHost(config.bindAddress());
                    connector.setPort(config.port());
                    connector.setAcceptQueueSize(ACCEPT_QUEUE);
                    return connector;
                  });
              cfg.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(10_000);
                    // what Jetty refuses itself (414, 431, 400) in the error envelope, not HTML
                    server.setErrorHandler(new JettyErrors());
                  });
              if (!config.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(
                    cors ->
                        cors.addRule(
                            rule -> {
                              for (String origin : config.corsOrigins()) {
                                rule.allowHost(origin);
                              }
                              rule.exposeHeader(RequestIds.HEADER);
                            }));
              }
              // /docs loads Swagger UI from its WebJar, served here
              cfg.staticFiles.add(
                  files -> {
                    files.hostedPath = ApiPage.ASSETS;
                    files.directory = ApiPage.assetsOnClassPath();
                    files.location = Location.CLASSPATH;
                  });
              WebPages.serve(cfg, demo); // the browser till and back office at /
              cfg.routes.before(RequestIds::assign);
              cfg.routes.exception(Exception.class, Errors::handle);
              cfg.routes.error(
                  404,
                  ctx -> {
                    if (ctx.attribute(Api.HANDLED) == null) {
                      Errors.write(
                          ctx,
                          404,
                          "route.not_found",
                          "no route " + ctx.method() + " " + ctx.path(),
                          List.of());
                    }
                  });
              cfg.routes.error(
                  405,
                  ctx ->
                      Errors.write(
                          ctx, 405, "route.method_not_allowed", "method not allowed", List.of()));
              cfg.requestLogger.http(
                  (ctx, ms) ->
                      LOG.info(
                          "{} {} {} {}ms",
                          ctx.method(),
                          ctx.path(),
                          ctx.statusCode(),
                          Math.round(ms)));
              api.register(cfg);
            });
    app.start();
    LOG.info(
        "retail-server {} started on port {} ({})",
        context.version(),
        app.port(),
        demo ? "demo" : "database");
    return new RetailServer(app, engine, context, api, owned, demoToken);
  }

  /**
   * The routes of the API groups, without {@code /metrics} and {@code /openapi.json}. Handlers use
   * {@code context} only when called, so the table can be read (e.g. for its request types) without
   * a running server.
   */
  public static List<ApiRoute> apiRoutes(ServerContext context) {
    List<ApiRoute> routes = new ArrayList<>();
    routes.addAll(SystemApi.routes(context));
    routes.addAll(StoreApi.routes(context));
    routes.addAll(CatalogApi.routes(context));
    routes.addAll(SaleApi.routes(context));
    routes.addAll(CartApi.routes(context));
    routes.addAll(AdminApi.routes(context));
    routes.addAll(RegisterApi.routes(context));
    routes.addAll(StockApi.routes(context));
    routes.addAll(CustomerApi.routes(context));
    routes.addAll(BillingApi.routes(context));
    routes.addAll(ProcurementApi.routes(context));
    routes.addAll(ReportApi.routes(context));
    routes.addAll(OrderApi.routes(context));
    routes.addAll(AftersalesApi.routes(context));
    routes.addAll(GiftCardApi.routes(context));
    routes.addAll(NotificationApi.routes(context));
    routes.addAll(PaymentApi.routes(context));
    routes.addAll(TillApi.routes(context));
    routes.addAll(TillDataApi.routes(context));
    return routes;
  }

  /** The demo store's staff that demo mode adds: an admin, a manager and a cashier. */
  public static final List<StaffMember> DEMO_STAFF = DemoStaff.STAFF;

  private static String seedDemoStaff(
      RetailEngine engine, Logins logins, Tokens tokens, ServerConfig config) {
    DemoStaff.add(engine, logins);
    long version =
        engine.credentials().tokenVersion("admin", engine.workforce().staff()).orElseThrow();
    return tokens.issue(
        "admin", Role.ADMIN, Set.of(Principal.ALL_STORES), Duration.ofHours(8), version);
  }

  /**
   * Adds {@link #DEMO_STAFF} to the demo store with their demo secrets, as demo mode does on start
   * ({@link DemoStaff#add(RetailEngine)}); {@code retail demo seed} does the same in a database.
   */
  public static void addDemoStaff(RetailEngine engine) {
    DemoStaff.add(engine);
  }

  /** The server's version, from the build. */
  static String version() {
    try (InputStream in = RetailServer.class.getResourceAsStream("/retail-server.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** The engine behind it. */
  public RetailEngine engine() {
    return engine;
  }

  /** The route table. */
  public List<ApiRoute> routes() {
    return api.routes();
  }

  /** What the routes share (tokens, logins, configuration). */
  public ServerContext context() {
    return context;
  }

  /** In demo mode, a token for the demo admin on every store. */
  public Optional<String> demoToken() {
    return demoToken;
  }

  /** Stops taking requests, lets running ones finish, then stops the relay, reactions and pools. */
  @Override
  public void close() {
    try {
      app.stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping the HTTP server: {}", e.getMessage());
    }
    closeAll(resources);
    LOG.info("retail-server stopped");
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) { // first started last, first in the list closed first
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", r, e.getMessage());
      }
    }
  }
}
