package io.pgferry.schemadiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which column type changes need the user's consent, and which rewrite the table. */
class TypeChangeTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      integer                | bigint                 | false | true
      smallint               | integer                | false | true
      bigint                 | integer                | true  | true
      text                   | integer                | true  | true
      character varying(10)  | character varying(40)  | false | false
      character varying(40)  | character varying(10)  | true  | true
      character varying(10)  | text                   | false | false
      text                   | character varying(5)   | true  | true
      numeric(8,2)           | numeric(12,2)          | false | false
      numeric(12,2)          | numeric(8,2)           | true  | true
      numeric(12,4)          | numeric(12,2)          | true  | true
      numeric                | numeric(10,2)          | true  | true
      integer                | numeric(12,0)          | false | true
      integer                | numeric(5,0)           | true  | true
      real                   | double precision       | false | true
      integer                | text                   | false | true
      "app".mood             | text                   | false | true
      text                   | "app".mood             | true  | true
      """)
  void hazards_typeChange_consentAndRewriteAsPostgresBehaves(String from, String to, boolean consent, boolean rewrite) {
    List<Hazard> h = TypeChange.hazards("s.t.c:type-change", from, to);
    assertThat(h.stream().anyMatch(Hazard::needsConsent)).as("needs consent").isEqualTo(consent);
    assertThat(h.stream().anyMatch(x -> x.kind() == Hazard.Kind.TABLE_REWRITE)).as("rewrite").isEqualTo(rewrite);
    assertThat(h).allMatch(x -> x.id().equals("s.t.c:type-change"));
  }
}
