package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table chosen with --include brings the sequences its defaults draw from, even a stand-alone one or one owned
 * by a table left out (the clone failed with "relation … does not exist" in the base phase).
 */
class CloneIncludedTableSequenceTest {
  private static final String SOURCE = """
      CREATE SEQUENCE public.invoice_no START 1000;
      SELECT nextval('public.invoice_no');
      CREATE TABLE public.other (id serial PRIMARY KEY);
      INSERT INTO public.other DEFAULT VALUES;
      CREATE TABLE public.orders (id int PRIMARY KEY, invoice int NOT NULL DEFAULT nextval('public.invoice_no'),
                                  ref int DEFAULT nextval('public.other_id_seq'));
      INSERT INTO public.orders (id) VALUES (1), (2);
      """;

  @Test
  void clone_includedTableUsesSequencesOfNoIncludedTable_clonesThemWithTheirPositions() {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "incseq_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "incseq_dst")) {
      CloneOptions o = Endpoints.clone(source, target).toBuilder().include(List.of("public.orders")).build();

      CloneReport report = new CloneRunner(RunListener.SILENT).run(o);

      assertThat(report.tables()).extracting(t -> t.target().toString()).containsExactly("public.orders");
      assertThat(target.scalar("SELECT to_regclass('public.other')")).isNull();
      assertThat(target.scalar("SELECT last_value FROM public.invoice_no")).isEqualTo(source.scalar("SELECT last_value FROM public.invoice_no"));
      assertThat(target.scalar("SELECT last_value FROM public.other_id_seq")).isEqualTo(source.scalar("SELECT last_value FROM public.other_id_seq"));
      assertThat(target.scalar("SELECT count(*) FROM pg_depend WHERE objid = 'public.other_id_seq'::regclass AND deptype = 'a'"))
          .isEqualTo("0");
      assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("public.other_id_seq", "OWNED BY"));
      target.execute("INSERT INTO public.orders (id) VALUES (3)");
      assertThat(target.scalar("SELECT invoice FROM public.orders WHERE id = 3")).isEqualTo("1003");
    }
  }
}
