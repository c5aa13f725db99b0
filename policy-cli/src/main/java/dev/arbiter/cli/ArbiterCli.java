package dev.arbiter.cli;

/** Placeholder. */
public final class ArbiterCli {
  private ArbiterCli() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.out.println("arbiter");
  }
}
