package io.pgferry.cli.wizard;

/** What the wizard runs; each drives the same library API as its command. */
public enum Mode {
  FULL_COPY("Full copy", "Clone the whole database (or the tables you pick): structure, rows, indexes, keys. First migrations."),
  INCREMENTAL_SYNC("Incremental sync", "Bring a copy up to date: rows newer than the last run, or keys the target lacks."),
  TABLE_OPERATIONS("Table operations", "Selected tables only: delete & recreate their rows, or copy only what changed."),
  SUBSET("Subset", "A slice that passes every foreign key: start rows you choose, their children, every row they reference."),
  SCHEMA_SYNC("Schema sync", "Bring the target's schema in line with the source's, keeping its data; you see the plan first.");

  private final String title;
  private final String help;

  Mode(String title, String help) {
    this.title = title;
    this.help = help;
  }

  public String title() {
    return title;
  }

  public String help() {
    return help;
  }
}
