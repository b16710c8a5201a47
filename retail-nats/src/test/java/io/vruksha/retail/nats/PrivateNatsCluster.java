package io.vruksha.retail.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Three (or n) nats-servers of a test's own, clustered with JetStream on free loopback ports, each
 * with its own store folder (kept across restarts), so a test can kill and restart nodes while the
 * shared server stays up. Started and stopped as {@link PrivateNatsServer} is.
 */
public final class PrivateNatsCluster implements AutoCloseable {

  private final int n;
  private final int[] clientPorts;
  private final int[] routePorts;
  private final Path dir;
  private final Process[] nodes;

  /** {@code n} nodes, not yet started; {@link #start()} starts them. */
  public PrivateNatsCluster(int n) throws IOException {
    this.n = n;
    clientPorts = new int[n];
    routePorts = new int[n];
    nodes = new Process[n];
    for (int i = 0; i < n; i++) {
      clientPorts[i] = PrivateNatsServer.freePort();
      routePorts[i] = PrivateNatsServer.freePort();
    }
    dir = Files.createTempDirectory("vruksha-nats-cluster");
  }

  /** Every node's client URL, comma-separated, as {@code NATS_URL} takes them. */
  public String urls() {
    List<String> urls = new ArrayList<>();
    for (int p : clientPorts) {
      urls.add("nats://127.0.0.1:" + p);
    }
    return String.join(",", urls);
  }

  /** Starts every node and waits until JetStream answers (the cluster has a meta leader). */
  public void start() throws IOException, InterruptedException {
    for (int i = 0; i < n; i++) {
      start(i);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection c = Nats.connect(urls())) {
        c.jetStreamManagement().getAccountStatistics();
        return;
      } catch (Exception notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the JetStream cluster was not ready in 60 s", notYet);
        }
        Thread.sleep(500);
      }
    }
  }

  /** Starts node {@code i} (named {@code n<i>}) and waits until it takes connections. */
  public void start(int i) throws IOException, InterruptedException {
    List<String> routes = new ArrayList<>();
    for (int p : routePorts) {
      routes.add("nats://127.0.0.1:" + p);
    }
    Path store = dir.resolve("n" + i);
    Files.createDirectories(store);
    nodes[i] =
        PrivateNatsServer.startProcess(
            List.of(
                "-a",
                "127.0.0.1",
                "-p",
                Integer.toString(clientPorts[i]),
                "-n",
                "n" + i,
                "--cluster_name",
                "vruksha",
                "--cluster",
                "nats://127.0.0.1:" + routePorts[i],
                "--routes",
                String.join(",", routes),
                "-js",
                "-sd",
                store.toString()),
            store.resolve("log"),
            clientPorts[i]);
  }

  /** Kills node {@code i} (SIGKILL), as a crash would, and waits for it to exit. */
  public void kill(int i) throws InterruptedException {
    nodes[i].destroyForcibly();
    nodes[i].waitFor();
  }

  /** The index of the node that leads {@code stream}. */
  public int leader(String stream) throws Exception {
    try (Connection c = Nats.connect(urls())) {
      String name = c.jetStreamManagement().getStreamInfo(stream).getClusterInfo().getLeader();
      return Integer.parseInt(name.substring(1));
    }
  }

  /** How many replicas {@code stream} is configured with. */
  public int replicas(String stream) throws Exception {
    try (Connection c = Nats.connect(urls())) {
      return c.jetStreamManagement().getStreamInfo(stream).getConfiguration().getReplicas();
    }
  }

  /** Waits (at most 60 s) until a node other than {@code old} leads {@code stream}; returns it. */
  public int awaitLeaderOtherThan(String stream, int old) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        int now = leader(stream);
        if (now != old) {
          return now;
        }
      } catch (Exception noLeaderYet) {
        // elections under way
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no new leader of " + stream + " in 60 s");
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    for (Process p : nodes) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    for (Process p : nodes) {
      if (p != null) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    PrivateNatsServer.deleteTree(dir);
  }
}
