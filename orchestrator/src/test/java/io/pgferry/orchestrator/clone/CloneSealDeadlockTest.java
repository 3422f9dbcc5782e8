package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The shape that deadlocked the parallel seal about one run in five (the DVD-rental sample): the transaction
 * adding ready foreign keys and a batch of validations locked the same tables in different orders.
 */
class CloneSealDeadlockTest {
  private static final String RENTAL;

  static {
    StringBuilder sb = new StringBuilder("""
        CREATE TABLE address (id int PRIMARY KEY);
        CREATE TABLE staff (id int PRIMARY KEY, address_id int REFERENCES address);
        CREATE TABLE customer (id int PRIMARY KEY, address_id int REFERENCES address, store int);
        CREATE TABLE inventory (id int PRIMARY KEY);
        CREATE TABLE rental (id int PRIMARY KEY, customer_id int REFERENCES customer, inventory_id int REFERENCES inventory,
          staff_id int REFERENCES staff);
        CREATE TABLE payment (id int, customer_id int, rental_id int, staff_id int, at date, PRIMARY KEY (id, at))
          PARTITION BY RANGE (at);
        INSERT INTO address SELECT generate_series(1, 1000);
        INSERT INTO staff SELECT g, g FROM generate_series(1, 1000) g;
        INSERT INTO customer SELECT g, g, g % 2 FROM generate_series(1, 1000) g;
        INSERT INTO inventory SELECT generate_series(1, 5000);
        INSERT INTO rental SELECT g, 1 + g % 1000, 1 + g % 5000, 1 + g % 7 FROM generate_series(1, 20000) g;
        """);
    // As in the sample: every partition has foreign keys of its own (the parent has none).
    for (int m = 1; m <= 7; m++) {
      String p = "payment_p" + m;
      sb.append("CREATE TABLE ").append(p).append(" PARTITION OF payment FOR VALUES FROM ('2022-0").append(m).append("-01') TO ('2022-0")
          .append(m + 1).append("-01');\n");
      for (String[] fk : new String[][] {{"customer_id", "customer"}, {"rental_id", "rental"}, {"staff_id", "staff"}}) {
        sb.append("ALTER TABLE ").append(p).append(" ADD FOREIGN KEY (").append(fk[0]).append(") REFERENCES ").append(fk[1]).append(";\n");
      }
    }
    sb.append("""
        INSERT INTO payment SELECT g, 1 + g % 1000, 1 + g % 20000, 1 + g % 5, date '2022-01-01' + g % 200 FROM generate_series(1, 50000) g;
        ANALYZE""");
    RENTAL = sb.toString();
  }

  @Test
  void clone_rentalShapeManyTimesWithParallelSeal_neverDeadlocks() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "deadlock_src").execute(RENTAL)) {
      for (int run = 0; run < 8; run++) {
        try (TestDatabase target = TestDatabase.create(PostgresServers.target(), "deadlock_dst")) {
          // Every table split (threshold 0), 4 jobs: the most seal transactions at once.
          new CloneRunner(RunListener.SILENT, CloneTuning.defaults(), 0).run(jobs(Endpoints.clone(source, target), 4));
          assertThat(target.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated")).as("run " + run)
              .isEqualTo(source.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"));
        }
      }
    }
  }

  private static CloneOptions jobs(CloneOptions o, int jobs) {
    return o.toBuilder().jobs(jobs).build();
  }
}
