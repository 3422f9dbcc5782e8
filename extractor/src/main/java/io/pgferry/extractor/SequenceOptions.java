package io.pgferry.extractor;

/** Parameters shared by plain sequences and identity columns. */
public record SequenceOptions(
    String dataType, long start, long increment, long min, long max, long cache, boolean cycle) {

  /** The option list as written after CREATE SEQUENCE. */
  public String clause() {
    return "AS " + dataType + " " + identityClause();
  }

  /** The options inside GENERATED … AS IDENTITY ( … ), where the type is the column's. */
  public String identityClause() {
    return "INCREMENT BY " + increment + " MINVALUE " + min + " MAXVALUE " + max
        + " START WITH " + start + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
  }
}
