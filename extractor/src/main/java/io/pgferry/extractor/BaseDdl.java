package io.pgferry.extractor;

import java.util.List;
import java.util.Set;

/**
 * The base DDL in two transactions ({@link DdlWriter#base(Catalog, Set)}): the first creates what every
 * table may need and the tables of {@code early}; the second everything else. Run in this order, the two
 * make the same objects as the single list {@link DdlWriter#base(Catalog)}.
 *
 * @param first statements of the first transaction
 * @param rest statements of the second transaction (empty when {@code early} is)
 * @param early source names of the tables the first transaction creates whole: nothing in {@code rest}
 *     touches them, so they can be loaded while {@code rest} runs
 */
public record BaseDdl(List<SqlStatement> first, List<SqlStatement> rest, Set<QualifiedName> early) {
  public BaseDdl {
    first = List.copyOf(first);
    rest = List.copyOf(rest);
    early = Set.copyOf(early);
  }
}
