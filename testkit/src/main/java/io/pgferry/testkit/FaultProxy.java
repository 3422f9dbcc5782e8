package io.pgferry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * A TCP proxy in front of a test server, for the network faults a real clone meets: a link reset (RST, as a
 * firewall or a crashed middlebox sends), dropped (an orderly close, as a restarted pooler or load balancer does)
 * or stalled (no byte moves for a while, then traffic goes on). Point a run at {@link #url(TestDatabase)} instead
 * of the database's own URL; the test's own connections go to the server directly.
 *
 * <p>Links are numbered in the order the proxy accepted them, so a test can spare one (a clone's first source
 * connection holds its exported snapshot). Each link is pumped by two platform threads with blocking I/O.
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private volatile long stalledUntilNanos;
  private volatile boolean closed;

  private FaultProxy(ServerSocket listener, int upstreamPort) {
    this.listener = listener;
    this.upstreamPort = upstreamPort;
  }

  /** A proxy on a free port of 127.0.0.1 that forwards to {@code upstreamPort} there. */
  public static FaultProxy start(int upstreamPort) {
    try {
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FaultProxy p = new FaultProxy(s, upstreamPort);
      Thread.ofPlatform().daemon().name("fault-proxy-accept").start(p::accept);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code db}'s libpq URL, through this proxy. */
  public String url(TestDatabase db) {
    return "postgresql://postgres@127.0.0.1:" + port() + "/" + db.name();
  }

  /** Bytes forwarded so far, both ways. */
  public long bytes() {
    return bytes.get();
  }

  /** Links open now. */
  public int open() {
    return (int) links.stream().filter(l -> !l.gone).count();
  }

  /** Resets (RST) every open link whose number {@code which} accepts; returns how many. */
  public int reset(IntPredicate which) {
    return cut(which, true);
  }

  /** Closes (FIN) every open link whose number {@code which} accepts; returns how many. */
  public int drop(IntPredicate which) {
    return cut(which, false);
  }

  /** Moves no byte on any link for {@code d}; connections stay open, then traffic goes on. */
  public void stall(Duration d) {
    stalledUntilNanos = System.nanoTime() + d.toNanos();
  }

  private int cut(IntPredicate which, boolean reset) {
    int n = 0;
    for (Link l : new ArrayList<>(links)) {
      if (!l.gone && which.test(l.number)) {
        l.cut(reset);
        n++;
      }
    }
    return n;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket();
        try {
          upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5_000);
        } catch (IOException e) {
          client.close(); // as a refused connection looks to the client
          continue;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        Link l = new Link(accepted.getAndIncrement(), client, upstream);
        links.add(l);
        Thread.ofPlatform().daemon().name("fault-proxy-up-" + l.number).start(() -> l.pump(client, upstream));
        Thread.ofPlatform().daemon().name("fault-proxy-down-" + l.number).start(() -> l.pump(upstream, client));
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    cut(n -> true, false);
  }

  private final class Link {
    final int number;
    final Socket client;
    final Socket upstream;
    volatile boolean gone;

    Link(int number, Socket client, Socket upstream) {
      this.number = number;
      this.client = client;
      this.upstream = upstream;
    }

    void pump(Socket from, Socket to) {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          waitWhileStalled();
          out.write(buf, 0, n);
          bytes.addAndGet(n);
        }
      } catch (IOException e) {
        // the other side or a fault closed it
      } finally {
        cut(false);
      }
    }

    private void waitWhileStalled() {
      for (long left; (left = stalledUntilNanos - System.nanoTime()) > 0; ) {
        try {
          Thread.sleep(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    void cut(boolean reset) {
      gone = true;
      for (Socket s : new Socket[] {client, upstream}) {
        try {
          if (reset && !s.isClosed()) {
            s.setSoLinger(true, 0); // close sends RST instead of FIN
          }
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }
}
