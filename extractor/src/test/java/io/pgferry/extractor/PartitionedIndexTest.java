package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionedIndexTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CREATE INDEX i ON ONLY public.m USING btree (peak)|CREATE INDEX i ON public.m USING btree (peak)",
      "CREATE UNIQUE INDEX \"ON ONLY\" ON ONLY \"Only\".\"ONLY\" USING btree (a)|CREATE UNIQUE INDEX \"ON ONLY\" ON \"Only\".\"ONLY\" USING btree (a)",
      "CREATE INDEX i ON public.m USING btree (only_col)|CREATE INDEX i ON public.m USING btree (only_col)",
  })
  void cascading_partitionedIndexDefinition_dropsOnlyTheOnlyKeyword(String in, String expected) {
    assertThat(DdlWriter.cascading(in)).isEqualTo(expected);
  }
}
