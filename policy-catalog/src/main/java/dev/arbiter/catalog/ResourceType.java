package dev.arbiter.catalog;

import dev.arbiter.policy.ResourcePattern;
import dev.arbiter.policy.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A resource type of a service, such as S3's {@code object} with the ARN format {@code
 * arn:${Partition}:s3:::${BucketName}/${ObjectName}}.
 *
 * <p>A resource type belongs to the service whose actions act on it; its ARN may be another
 * service's (SSM's {@code bucket} has an S3 ARN). Two resource types are equal if they have the
 * same service and name.
 */
public final class ResourceType {
  private final String service;
  private final String name;
  private final List<String> arnFormats;
  private final List<String> conditionKeys;
  private final ArnIndex index;

  ResourceType(
      String service,
      String name,
      List<String> arnFormats,
      List<String> conditionKeys,
      ArnIndex index) {
    this.service = service;
    this.name = name;
    this.arnFormats = List.copyOf(arnFormats);
    this.conditionKeys = List.copyOf(conditionKeys);
    this.index = index;
  }

  /** The prefix of the service whose actions act on this type, such as {@code s3}. */
  public String service() {
    return service;
  }

  /** The name as the reference writes it, such as {@code object} or {@code function alias}. */
  public String name() {
    return name;
  }

  /**
   * The ARN formats, such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}; one, except
   * for a few types the reference gives several for (API Gateway's {@code /apis/} and {@code
   * /restapis/} forms).
   */
  public List<String> arnFormats() {
    return arnFormats;
  }

  /** Condition keys that actions support for resources of this type. */
  public List<String> conditionKeys() {
    return conditionKeys;
  }

  /**
   * Whether {@code arn} can name a resource of this type: a concrete ARN fits one of the formats,
   * or an ARN pattern with {@code *} and {@code ?} wildcards covers at least one ARN that does.
   * Comparison is case-sensitive, as IAM's. See {@link Catalog#matchingResourceTypes(String)} for
   * what a placeholder matches.
   */
  public boolean matches(String arn) {
    return arn.startsWith("arn:") && index.matches(this, ArnMatcher.forPattern(template(arn)));
  }

  /**
   * Whether a policy's Resource pattern can cover a resource of this type. A policy variable may
   * stand for any text.
   */
  public boolean matches(ResourcePattern pattern) {
    return pattern.text().startsWith("arn:")
        && index.matches(this, ArnMatcher.forPattern(pattern.template()));
  }

  /** Whether a compiled ARN pattern can match this type. */
  boolean matches(ArnMatcher pattern) {
    return index.matches(this, pattern);
  }

  /** Those of {@code candidates}, in their order, whose ARN formats {@code pattern} can match. */
  static List<ResourceType> matching(List<ResourceType> candidates, Template pattern) {
    ArnMatcher matcher = ArnMatcher.forPattern(pattern);
    List<ResourceType> out = new ArrayList<>();
    for (ResourceType type : candidates) {
      if (type.matches(matcher)) {
        out.add(type);
      }
    }
    return List.copyOf(out);
  }

  /** An ARN text with {@code *} and {@code ?} as wildcards and {@code ${...}} as literal text. */
  static Template template(String arn) {
    return Template.withoutVariables(arn);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResourceType type
        && type.service.equals(service)
        && type.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(service, name);
  }

  /** Returns {@code service:name}, such as {@code s3:object}. */
  @Override
  public String toString() {
    return service + ':' + name;
  }
}
