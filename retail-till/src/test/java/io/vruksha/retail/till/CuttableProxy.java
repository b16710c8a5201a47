package io.vruksha.retail.till;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay on loopback between a till and its centre whose cable a test can pull: {@link #cut}
 * drops every open connection at once (mid-request, as a network that goes away does) and refuses
 * new ones until {@link #restore}.
 */
final class CuttableProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int target;
  private final AtomicBoolean cut = new AtomicBoolean();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** A relay from a free port to {@code targetPort} on loopback. */
  CuttableProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Where the till connects. */
  int port() {
    return server.getLocalPort();
  }

  /** Pulls the cable: open connections are dropped, new ones refused. */
  void cut() {
    cut.set(true);
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Plugs it back in. */
  void restore() {
    cut.set(false);
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket in;
      try {
        in = server.accept();
      } catch (IOException closed) {
        return;
      }
      if (cut.get()) {
        closeQuietly(in);
        continue;
      }
      try {
        Socket out = new Socket();
        out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 2_000);
        open.add(in);
        open.add(out);
        pipe(in, out);
        pipe(out, in);
      } catch (IOException e) {
        closeQuietly(in);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException dropped) {
                // the other side went away, or the cable was pulled
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }
}
