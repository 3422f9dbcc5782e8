package io.pgferry.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A table's source and target connections open together; when one side fails, the other is not left open. */
class ConnectionsTest {

  @Test
  void open_sourceRefusedWithAnUncheckedError_targetConnectionIsClosedAndTheErrorIsTheSources() throws Exception {
    try (TestDatabase dst = TestDatabase.create(PostgresServers.target(), "conn_dst")) {
      // the CLI's connection sources report a refused connection as an unchecked exception
      IllegalStateException refused = new IllegalStateException("source refused the connection");
      CountDownLatch targetOpened = new CountDownLatch(1);

      assertThatThrownBy(() -> Connections.open(() -> {
        throw refused;
      }, () -> {
        Connection c = dst.connect();
        targetOpened.countDown();
        return c;
      }, (c, target) -> { })).isSameAs(refused);
      assertThat(targetOpened.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(dst.otherSessionsAfterClose()).isEqualTo("0");
    }
  }
}
