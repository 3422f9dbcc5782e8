package io.pgferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load and seal tuning flags: every combination gives the same clone; bad values are usage errors. */
class CliTuningFlagsTest {
  private static final List<String> SHOP_TABLES = List.of("\"Customer Notes\"", "customers", "order_items", "orders", "products");
  private static final String INDEXES = "SELECT indexrelid::regclass::text, indisvalid FROM pg_index"
      + " WHERE indrelid::regclass::text NOT LIKE 'pg\\_%' ORDER BY 1";
  private static final String CONSTRAINTS = "SELECT conname, contype, convalidated FROM pg_constraint"
      + " WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1";

  private static TestDatabase shop;

  @TempDir Path dir;
  private TestDatabase target;

  @BeforeAll
  static void createShop() {
    shop = Cli.shop("cli_tuning");
  }

  @AfterAll
  static void dropShop() {
    shop.close();
  }

  @BeforeEach
  void createTarget() {
    target = Cli.emptyTarget();
  }

  @AfterEach
  void dropTarget() {
    target.close();
  }

  private void cloneAndCompare(String... flags) {
    List<String> args = new java.util.ArrayList<>(List.of("clone", "-s", shop.url(), "-t", target.url(), "--no-progress"));
    args.addAll(List.of(flags));
    Cli.Result r = Cli.run(dir, args.toArray(String[]::new));
    assertThat(r.code()).as("exit code; stderr:%n%s", r.err()).isZero();
    for (String t : SHOP_TABLES) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(shop, t));
    }
    assertThat(target.query(INDEXES)).isEqualTo(shop.query(INDEXES));
    assertThat(target.query(CONSTRAINTS)).isEqualTo(shop.query(CONSTRAINTS));
  }

  @Test
  void clone_singleTransactionSealTextFreezeNoChunks_sameClone() {
    cloneAndCompare("--seal", "single-transaction", "--no-binary", "--freeze", "--chunk-size", "0", "--maintenance-work-mem",
        "server", "--gin-maintenance-work-mem", "same");
  }

  @Test
  void clone_parallelSealSmallChunksBinary_sameClone() {
    cloneAndCompare("--seal", "parallel", "--chunk-size", "64kB", "--maintenance-work-mem", "64MB", "--parallel-maintenance-workers",
        "0", "--gin-maintenance-work-mem", "4MB");
  }

  @Test
  void clone_badTuningValues_usageErrorBeforeConnecting() {
    for (String[] bad : List.of(new String[] {"--seal", "sometimes"}, new String[] {"--chunk-size", "lots"},
        new String[] {"--maintenance-work-mem", "1TB;"}, new String[] {"--parallel-maintenance-workers", "-1"},
        new String[] {"--gin-maintenance-work-mem", "big"}, new String[] {"--gin-maintenance-work-mem", "16kB"},
        new String[] {"--maintenance-work-mem", "999999999GB"}, new String[] {"--maintenance-work-mem", "99999999999999999999"},
        new String[] {"--chunk-size", "999999999999GB"})) {
      Cli.Result r = Cli.run(dir, "clone", "-s", "postgresql://nowhere.invalid/x", "-t", "postgresql://nowhere.invalid/y",
          bad[0], bad[1]);
      r.assertOneLineError(2, null);
      assertThat(r.err()).contains(bad[0]).doesNotContain("Exception");
    }
  }
}
