package io.pgferry.schemadiff;

import io.pgferry.extractor.Catalog;
import io.pgferry.extractor.Column;
import io.pgferry.extractor.Constraint;
import io.pgferry.extractor.EnumType;
import io.pgferry.extractor.Index;
import io.pgferry.extractor.ObjectKey;
import io.pgferry.extractor.QualifiedName;
import io.pgferry.extractor.SchemaMap;
import io.pgferry.extractor.SchemaObject;
import io.pgferry.extractor.Sequence;
import io.pgferry.extractor.Table;
import io.pgferry.extractor.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings a source catalog into the target's names (every schema mapped, server-printed SQL rewritten) and
 * narrows both catalogs to the compared schemas, leaving out what earlier syncs kept on purpose (backups
 * and renamed objects), so the diff can compare records and strings directly.
 */
final class DiffScope {
  /** Names pgferry gives preserved objects; a later diff must not try to drop them. */
  static final Pattern LEFTOVER = Pattern.compile("^bak_.*_\\d{14}$|^.*_dropped_\\d{14}$|^.*_old_\\d{14}$");
  /** Keys whose names start with the type of the object they describe. */
  static final Set<String> ASPECTS = Set.of("comment", "acl", "owner", "row security");
  private static final Set<String> GLOBAL = Set.of("extension", "event trigger", "role", "language", "database", "publication",
      "subscription", "foreign-data wrapper", "server", "user mapping");

  private DiffScope() {}

  static boolean leftover(String name) {
    return name != null && LEFTOVER.matcher(name).matches();
  }

  /** The schema name of a key (mapped position), or null for database-wide objects. */
  static int schemaIndex(ObjectKey k) {
    if (DefaultPrivilegeDiff.isDefaultAcl(k)) {
      return k.names().size() > 1 ? 1 : -1;  // (role) database-wide, (role, schema) per schema
    }
    boolean aspect = ASPECTS.contains(k.type());
    String inner = aspect ? k.names().get(0) : k.type();
    if (GLOBAL.contains(inner)) {
      return -1;
    }
    int i = aspect ? 1 : 0;
    // Operator classes, families and their members are addressed by access method first, then schema.
    if (inner.startsWith("operator class") || inner.startsWith("operator family") || inner.endsWith("of access method")) {
      i++;
    }
    if (k.names().size() <= i) {
      return -1;
    }
    return inner.equals("schema") || k.names().size() > i + 1 ? i : -1;
  }

  static String schemaOf(ObjectKey k) {
    int i = schemaIndex(k);
    return i < 0 ? null : k.names().get(i);
  }

  /** The table/view an object belongs to ({@code schema, relation}), or null. */
  static QualifiedName relationOf(ObjectKey k) {
    int i = schemaIndex(k);
    if (i < 0 || k.names().size() < i + 2) {
      return null;
    }
    return new QualifiedName(k.names().get(i), k.names().get(i + 1));
  }

  /** The column an object belongs to (comment/acl on a column, column settings), or null. */
  static String columnOf(ObjectKey k) {
    boolean aspect = ASPECTS.contains(k.type());
    String inner = aspect ? k.names().get(0) : k.type();
    int i = aspect ? 1 : 0;
    if ((inner.equals("table column") || inner.equals("view column") || inner.equals("column settings")) && k.names().size() > i + 2) {
      return k.names().get(i + 2);
    }
    return null;
  }

  static ObjectKey mapKey(ObjectKey k, SchemaMap m) {
    if (m.isIdentity()) {
      return k;
    }
    List<String> names = new ArrayList<>(k.names());
    int i = schemaIndex(k);
    if (i >= 0) {
      names.set(i, m.schema(names.get(i)));
    }
    return new ObjectKey(k.type(), names, k.args().stream().map(m::rewrite).toList());
  }

  static Catalog mapped(Catalog c, SchemaMap m) {
    if (m.isIdentity()) {
      return c;
    }
    List<Table> tables = c.tables().stream().map(t -> new Table(m.name(t.name()), t.columns().stream().map(col -> new Column(col.name(),
        col.position(), m.rewrite(col.type()), col.notNull(), m.rewrite(col.defaultExpr()), col.identity() == null ? null
            : new Column.Identity(col.identity().always(), m.name(col.identity().sequence()), col.identity().options(),
                col.identity().lastValue()), m.rewrite(col.generatedExpr()), m.rewrite(col.collation()), col.inherited())).toList(),
        t.constraints().stream().map(k -> new Constraint(k.name(), k.kind(), m.rewrite(k.definition()), k.columns(),
            k.references() == null ? null : m.name(k.references()), k.validated(), k.attachedTo() == null ? null : m.name(k.attachedTo()), k.cascaded())).toList(),
        t.indexes().stream().map(x -> new Index(x.name(), m.rewrite(x.definition()), x.unique(),
            x.attachedTo() == null ? null : m.name(x.attachedTo()))).toList(), t.unlogged(), t.partitioned(),
        m.rewrite(t.partitionKey()), m.rewrite(t.partitionBound()), t.parents().stream().map(m::name).toList(), t.estimatedRows(),
        t.estimatedBytes())).toList();
    List<Sequence> seqs = c.sequences().stream().map(s -> new Sequence(m.name(s.name()), s.options(), s.lastValue(),
        s.ownedByTable() == null ? null : m.name(s.ownedByTable()), s.ownedByColumn())).toList();
    List<EnumType> enums = c.enums().stream().map(e -> new EnumType(m.name(e.name()), e.labels())).toList();
    List<View> views = c.views().stream().map(v -> new View(m.name(v.name()), m.rewrite(v.query()), v.materialized(), v.populated(),
        v.options(), v.dependsOn().stream().map(m::name).toList())).toList();
    List<SchemaObject> objects = c.objects().stream().map(o -> new SchemaObject(mapKey(o.key(), m), o.phase(),
        DefaultPrivilegeDiff.isDefaultAcl(o.key()) ? DefaultPrivilegeDiff.remapped(o.key(), mapKey(o.key(), m), o.statements())
            : o.statements().stream().map(m::rewrite).toList(), mapKeys(o.dependsOn(), m))).toList();
    Map<ObjectKey, Set<ObjectKey>> deps = new HashMap<>();
    c.dependencies().forEach((k, v) -> deps.put(mapKey(k, m), mapKeys(v, m)));
    return new Catalog(c.serverVersionNum(), c.schemas().stream().map(m::schema).toList(), enums, seqs, tables, views, objects, deps);
  }

  private static Set<ObjectKey> mapKeys(Set<ObjectKey> keys, SchemaMap m) {
    Set<ObjectKey> out = new HashSet<>();
    keys.forEach(k -> out.add(mapKey(k, m)));
    return out;
  }

  /** Without the owners, grants and comments of the given schemas: they go with the schema. */
  static Catalog withoutSchemaAspects(Catalog c, Set<String> schemas) {
    if (schemas.isEmpty()) {
      return c;
    }
    List<SchemaObject> objects = c.objects().stream().filter(o -> !(ASPECTS.contains(o.key().type()) && o.key().names().size() == 2
        && o.key().names().get(0).equals("schema") && schemas.contains(o.key().names().get(1)))).toList();
    return new Catalog(c.serverVersionNum(), c.schemas(), c.enums(), c.sequences(), c.tables(), c.views(), objects, c.dependencies());
  }

  /** Only the given (target) schemas; database-wide objects only when {@code globals}; never leftovers. */
  static Catalog narrowed(Catalog c, Set<String> schemas, boolean globals) {
    List<Table> tables = c.tables().stream().filter(t -> schemas.contains(t.name().schema()) && !leftover(t.name().name()))
        .map(t -> new Table(t.name(), t.columns().stream().filter(col -> !leftover(col.name())).toList(), t.constraints(), t.indexes(),
            t.unlogged(), t.partitioned(), t.partitionKey(), t.partitionBound(), t.parents(), t.estimatedRows(), t.estimatedBytes()))
        .toList();
    List<Sequence> seqs = c.sequences().stream().filter(s -> schemas.contains(s.name().schema()) && !leftover(s.name().name())).toList();
    List<EnumType> enums = c.enums().stream().filter(e -> schemas.contains(e.name().schema()) && !leftover(e.name().name())).toList();
    List<View> views = c.views().stream().filter(v -> schemas.contains(v.name().schema()) && !leftover(v.name().name())).toList();
    List<SchemaObject> objects = c.objects().stream().filter(o -> {
      String s = schemaOf(o.key());
      if (s == null ? !globals : !schemas.contains(s)) {
        return false;
      }
      return o.key().names().stream().noneMatch(DiffScope::leftover);
    }).toList();
    return new Catalog(c.serverVersionNum(), c.schemas().stream().filter(schemas::contains).toList(), enums, seqs, tables, views, objects,
        c.dependencies());
  }
}
