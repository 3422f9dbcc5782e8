package io.pgferry.cli.wizard;

/** What the wizard runs; each drives the same library API as its command. */
public enum Mode {
  FULL_COPY("Full copy", "Clone the whole database (or the tables you pick): structure, rows, indexes, keys. First migrations."),
  INCREMENTAL_SYNC("Incremental sync", "Bring a copy up to date: rows newer than the last run, or keys the target lacks."),
  TABLE_OPERATIONS("Table operations", "Selected tables only: delete & recreate their rows, or copy only what changed.");

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
