package io.pgferry.orchestrator.clone;

import org.junit.jupiter.api.Test;

/**
 * Objects of different kinds that depend on each other are created in an order that works: a function on a
 * table's or a view's row type after that table or view, whatever cycles pg_depend has around them.
 */
class CloneCreationOrderTest {
  @Test
  void clone_functionOnRowTypeOfTableWithSerial_created() {
    // The serial's sequence is OWNED BY the column and the column's default uses the sequence: a cycle.
    Clones.assertBothSealModesEqual("order_serial", """
        CREATE TABLE c (id serial);
        CREATE FUNCTION f() RETURNS SETOF c LANGUAGE sql AS 'SELECT * FROM c';
        INSERT INTO c DEFAULT VALUES;""");
  }

  @Test
  void clone_functionOnRowTypeOfTableReferencingSerialTable_created() {
    Clones.assertBothSealModesEqual("order_fk", """
        CREATE TABLE p (id serial PRIMARY KEY);
        CREATE TABLE c (id int REFERENCES p);
        CREATE FUNCTION f() RETURNS SETOF c LANGUAGE sql AS 'SELECT * FROM c';
        INSERT INTO p DEFAULT VALUES; INSERT INTO c VALUES (1);""");
  }

  @Test
  void clone_functionsAndDomainsOnViewRowTypes_created() {
    Clones.assertBothSealModesEqual("order_view", """
        CREATE TABLE t (id int PRIMARY KEY, name text);
        CREATE VIEW v AS SELECT id FROM t;
        CREATE FUNCTION f() RETURNS SETOF v LANGUAGE sql AS 'SELECT * FROM v';
        CREATE VIEW v2 AS SELECT id FROM v;
        CREATE VIEW v3 AS SELECT id FROM v2;
        CREATE FUNCTION f3(v3) RETURNS int LANGUAGE sql AS 'SELECT $1.id';
        CREATE DOMAIN dv AS v2;
        CREATE TABLE holder (a int, b dv, c v3[]);
        INSERT INTO t VALUES (1, 'x');""");
  }

  @Test
  void clone_viewNeedingPrimaryKeyAndFunctionOnIt_createdAfterTheKey() {
    // GROUP BY the key while selecting another column needs the primary key: such a view waits for the seal,
    // and so does a function on its row type; a materialized view and a function on it wait too.
    Clones.assertBothSealModesEqual("order_key", """
        CREATE TABLE k (id int PRIMARY KEY, name text);
        CREATE VIEW kv AS SELECT id, name FROM k GROUP BY id;
        CREATE VIEW kv2 AS SELECT * FROM kv;
        CREATE FUNCTION fk() RETURNS SETOF kv2 LANGUAGE sql AS 'SELECT * FROM kv2';
        CREATE MATERIALIZED VIEW mv AS SELECT id FROM k;
        CREATE FUNCTION fm() RETURNS SETOF mv LANGUAGE sql AS 'SELECT * FROM mv';
        INSERT INTO k VALUES (1, 'a');""");
  }
}
