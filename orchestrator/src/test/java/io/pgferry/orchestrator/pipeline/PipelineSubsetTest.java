package io.pgferry.orchestrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.extractor.PgferryException;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.orchestrator.subset.SubsetSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code subset:} section of a pipeline: what it means, and each mistake named at its place. */
class PipelineSubsetTest {
  private static final String HEAD = "source: postgresql://a/src\ntarget: postgresql://b/dst\n";

  @Test
  void parse_fullSubset_everySettingRead() {
    Pipeline p = PipelineParser.parse(HEAD + """
        subset:
          start:
            shop.customers: "id % 100 = 0"
            '"My Shop"."Big Orders"': { where: "placed_at >= '2024-06-01'", limit: 1000, percent: 12.5, seed: 7 }
          children: false
          others: schema only
          virtual_foreign_keys:
            - { from: shop.audit_log(customer_ref), to: shop.customers(id) }
            - { from: 'shop.t("A b", c)', to: 'shop.u(x, "Y")' }
          skip: [ "shop.orders(customer_id)", shop.reviews.reviews_product_fk ]
          memory: 2GB
        """, "demo.yaml", Map.of());
    SubsetSpec s = p.subset();
    assertThat(s.start()).containsEntry(QualifiedName.of("shop", "customers"), SubsetSpec.Start.where("id % 100 = 0"))
        .containsEntry(QualifiedName.of("My Shop", "Big Orders"), new SubsetSpec.Start("placed_at >= '2024-06-01'", 1000L, 12.5, 7));
    assertThat(s.children()).isFalse();
    assertThat(s.others()).isEqualTo(SubsetSpec.Others.SCHEMA_ONLY);
    assertThat(s.virtualForeignKeys()).containsExactly(
        new SubsetSpec.VirtualKey(QualifiedName.of("shop", "audit_log"), List.of("customer_ref"), QualifiedName.of("shop", "customers"), List.of("id")),
        new SubsetSpec.VirtualKey(QualifiedName.of("shop", "t"), List.of("A b", "c"), QualifiedName.of("shop", "u"), List.of("x", "Y")));
    assertThat(s.skip()).containsExactlyInAnyOrder("shop.orders(customer_id)", "shop.reviews.reviews_product_fk");
    assertThat(s.memory()).isEqualTo(2L << 30);
  }

  @Test
  void parse_subsetMemory_sizesInBinaryUnitsAndZero() {
    for (Map.Entry<String, Long> e : Map.of("0", 0L, "64kB", 64L << 10, "512 MB", 512L << 20, "1000", 1000L).entrySet()) {
      assertThat(PipelineParser.parse(HEAD + "subset:\n  start:\n    public.t: \"true\"\n  memory: " + e.getKey() + "\n", "demo.yaml",
          Map.of()).subset().memory()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void parse_subsetDefaults_childrenAndAllOthers() {
    SubsetSpec s = PipelineParser.parse(HEAD + "subset:\n  start:\n    public.t: \"true\"\n", "demo.yaml", Map.of()).subset();
    assertThat(s.children()).isTrue();
    assertThat(s.others()).isEqualTo(SubsetSpec.Others.ALL);
    assertThat(s.memory()).isEqualTo(SubsetSpec.DEFAULT_MEMORY);
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("no start", "subset:\n  children: true\n", "'subset' needs 'start': at least one table and its start rows at demo.yaml:4:3"),
        Arguments.of("bare table", "subset:\n  start:\n    customers: \"id > 1\"\n", "'customers' in 'start' of 'subset' is not schema.table at demo.yaml:5:5"),
        Arguments.of("bad others", "subset:\n  start: { a.b: \"true\" }\n  others: some\n", "unknown others 'some' at demo.yaml:5:11"),
        Arguments.of("bad where", "subset:\n  start: { a.b: \"id >\" }\n", "where condition of table 'a.b'"),
        Arguments.of("fk columns", "subset:\n  start: { a.b: \"true\" }\n  virtual_foreign_keys:\n    - { from: 'a.c(x, y)', to: a.b(id) }\n",
            "a virtual foreign key needs as many columns in 'to' as in 'from' at demo.yaml:6:7"),
        Arguments.of("fk form", "subset:\n  start: { a.b: \"true\" }\n  virtual_foreign_keys:\n    - { from: a.c, to: a.b(id) }\n",
            "'a.c' is not schema.table(column, …) at demo.yaml:6:15"),
        Arguments.of("skip form", "subset:\n  start: { a.b: \"true\" }\n  skip: [a.c]\n",
            "'a.c' in 'skip' is neither schema.table(column, …) nor schema.table.constraint at demo.yaml:5:10"),
        Arguments.of("bad memory", "subset:\n  start: { a.b: \"true\" }\n  memory: lots\n",
            "'memory' of 'subset' expects a size such as 512MB, 2GB or 0, got 'lots' at demo.yaml:5:11"),
        Arguments.of("with sync", "steps: [clone, sync]\nsubset:\n  start: { a.b: \"true\" }\n",
            "'subset' cannot be combined with a sync step: a sync copies every row, so the subset would not hold at demo.yaml:4:1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void parse_subsetMistake_failsWithLocatedSentence(String name, String yaml, String message) {
    assertThatThrownBy(() -> PipelineParser.parse(HEAD + yaml, "demo.yaml", Map.of()))
        .isInstanceOfSatisfying(PgferryException.class, e -> assertThat(e.code()).isEqualTo(PgferryException.Code.CONFIG))
        .hasMessageContaining(message);
  }
}
