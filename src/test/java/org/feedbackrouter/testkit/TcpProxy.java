package org.feedbackrouter.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP forwarder on a fixed port that a test can cut: {@link #cut()} drops every connection and stops
 * listening, so clients see connections reset and refused, as when a broker is down; {@link #restore()} listens on the
 * same port again. The in-JVM test broker cannot be restarted on the same port (Kafka's test kit binds its ports
 * itself), so a broker that advertises this proxy's address gives its clients a real outage instead.
 */
public final class TcpProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

  private final int port;
  private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
  private volatile InetSocketAddress target;
  private ServerSocket server;

  private TcpProxy(int port) {
    this.port = port;
  }

  /** Listens on a free loopback port; connections are refused until {@link #forwardTo} names the target. */
  public static TcpProxy open() {
    TcpProxy proxy = new TcpProxy(ApicurioRegistry.freeLoopbackPort());
    proxy.restore();
    return proxy;
  }

  public int port() {
    return port;
  }

  public void forwardTo(String hostAndPort) {
    String[] parts = hostAndPort.split(":");
    target = new InetSocketAddress(parts[0], Integer.parseInt(parts[1]));
  }

  /** Drops every connection and stops listening. */
  public synchronized void cut() {
    closeQuietly(server);
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
    LOG.info("Proxy on port {} cut", port);
  }

  /** Listens on the port again. */
  public synchronized void restore() {
    try {
      ServerSocket listening = new ServerSocket();
      listening.setReuseAddress(true);
      listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = listening;
      daemon("proxy-accept-" + port, () -> accept(listening));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on port " + port, e);
    }
    LOG.info("Proxy on port {} listening, forwarding to {}", port, target);
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        InetSocketAddress to = target;
        if (to == null) {
          client.close();
          continue;
        }
        Socket upstream;
        try {
          upstream = new Socket(to.getAddress(), to.getPort());
        } catch (IOException refused) {
          client.close();
          continue;
        }
        open.add(client);
        open.add(upstream);
        daemon("proxy-up-" + port, () -> pipe(client, upstream));
        daemon("proxy-down-" + port, () -> pipe(upstream, client));
      } catch (IOException closed) {
        // cut() closed the server socket.
      }
    }
  }

  /** Copies until either side closes, then closes both, so the client notices at once. */
  private void pipe(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException closed) {
      // One side went away.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException ignored) {
      // Closing is all that is wanted.
    }
  }

  @Override
  public void close() {
    cut();
  }
}
