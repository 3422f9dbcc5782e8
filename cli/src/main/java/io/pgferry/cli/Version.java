package io.pgferry.cli;

import picocli.CommandLine;

/** Version from the jar manifest (set by Maven), or "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  static String current() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pgferry " + current(), "Java " + Runtime.version()};
  }
}
