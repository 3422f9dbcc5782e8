package io.pgferry.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.orchestrator.clone.CloneOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys {@code engine} and {@code flink_address}: what runs a pipeline clone's load, and where. */
class PipelineEngineKeysTest {
  private static final String HEAD = "source: postgresql://a@src/shop\ntarget: postgresql://b@dst/shop\n";

  private static CloneOptions clone(String yaml) {
    return Pipelines.toCloneOptions(PipelineParser.parse(HEAD + yaml, "p.yaml", Map.of()), Map.of(), Path.of("/nonexistent"));
  }

  @Test
  void parse_noEngine_localWithoutAddress() {
    CloneOptions o = clone("");
    assertThat(o.engine()).isEqualTo("local");
    assertThat(o.engineAddress()).isNull();
  }

  @Test
  void parse_flinkWithAddress_reachesTheCloneOptions() {
    CloneOptions o = clone("engine: flink\nflink_address: jm.internal:8081\n");
    assertThat(o.engine()).isEqualTo("flink");
    assertThat(o.engineAddress()).isEqualTo("jm.internal:8081");
  }

  @Test
  void parse_addressWithoutFlinkEngine_refusedAtItsLine() {
    assertThatThrownBy(() -> clone("flink_address: jm:8081\n")).isInstanceOf(PgferryException.class)
        .hasMessageContaining("'flink_address' is for the Flink engine").hasMessageContaining("p.yaml:3:1")
        .hasMessageContaining("engine: flink");
  }

  @Test
  void parse_unknownEngineOrBadAddress_refusedNamingWhatItTakes() {
    assertThatThrownBy(() -> clone("engine: spark\n")).isInstanceOf(PgferryException.class).hasMessageContaining("local or flink");
    assertThatThrownBy(() -> clone("engine: flink\nflink_address: jm\n")).isInstanceOf(PgferryException.class)
        .hasMessageContaining("host:port");
  }
}
