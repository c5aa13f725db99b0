package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.Arn;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.internal.OneLine;
import dev.arbiter.policy.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Resource-based policies (S3 bucket, KMS key, SQS queue, SNS topic, Lambda function, ...) by
 * resource ARN, read from a directory of {@code *.json} files. Each file is either
 *
 * <ul>
 *   <li>{@code {"resource": "arn:aws:s3:::my-bucket", "account": "111122223333", "policy": { ...
 *       }}} ({@code account}, optional, names the owner of a resource whose ARN has no account
 *       field, such as an S3 bucket), or
 *   <li>a bare policy document whose file name is the resource ARN, with {@code /} written as
 *       {@code %2F}: {@code arn:aws:sqs:us-east-1:111122223333:orders.json}.
 * </ul>
 *
 * <p>A bucket's file may also carry the bucket's S3 Block Public Access settings, {@code
 * "s3BlockPublicAccess": {"restrictPublicBuckets": true}} (docs/semantics.md §9.13); of the four
 * settings only {@code restrictPublicBuckets} changes a decision, the other three ({@code
 * blockPublicPolicy}, {@code blockPublicAcls}, {@code ignorePublicAcls}) are accepted as booleans.
 *
 * <p>A bucket policy applies to the bucket and its objects; a Lambda function policy to the
 * function and its qualified versions and aliases; otherwise the ARN must match exactly.
 */
public final class ResourcePolicies {
  private static final List<String> BLOCK_PUBLIC_ACCESS_SETTINGS =
      List.of("restrictPublicBuckets", "blockPublicPolicy", "blockPublicAcls", "ignorePublicAcls");

  private final Map<String, NamedPolicy> byArn;
  private final Map<String, String> owners;
  private final Set<String> restrictPublicBuckets;

  private ResourcePolicies(
      Map<String, NamedPolicy> byArn, Map<String, String> owners, Set<String> restricted) {
    this.byArn = byArn;
    this.owners = owners;
    this.restrictPublicBuckets = restricted;
  }

  /** No resource policies. */
  public static ResourcePolicies none() {
    return new ResourcePolicies(Map.of(), Map.of(), Set.of());
  }

  /**
   * Reads every {@code *.json} file under {@code directory}.
   *
   * @throws AccountLoadException naming the file when one is not valid or names no resource
   */
  public static ResourcePolicies load(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new AccountLoadException(directory + ": not a directory of resource policies");
    }
    Map<String, NamedPolicy> byArn = new LinkedHashMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    Set<String> restricted = new LinkedHashSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new AccountLoadException(directory + ": cannot list: " + e.getMessage());
    }
    for (Path file : files) {
      JsonInput in = JsonInput.load(file);
      Json root = in.root();
      String arn;
      Json document;
      JsonPointer pointer = JsonPointer.ROOT;
      Optional<Json> resource = JsonInput.member(root, "resource");
      Optional<Json> policy = JsonInput.member(root, "policy");
      if (resource.isPresent() && policy.isPresent()) {
        arn = in.text(root, "resource", JsonPointer.ROOT);
        document = policy.get();
        pointer = JsonPointer.ROOT.child("policy");
        Optional<Json> accountValue = JsonInput.member(root, "account");
        if (accountValue.isPresent()) {
          String account = in.text(root, "account", JsonPointer.ROOT);
          if (!account.matches("\\d{12}")) {
            throw in.error(
                JsonPointer.ROOT.child("account"),
                accountValue.get(),
                "must be a 12-digit account ID, got " + account);
          }
          owners.put(arn, account);
        }
        Optional<Json> settings = JsonInput.member(root, "s3BlockPublicAccess");
        if (settings.isPresent() && restrictPublicBuckets(in, settings.get(), arn)) {
          restricted.add(arn);
        }
      } else {
        String name = String.valueOf(file.getFileName());
        arn = URLDecoder.decode(name.substring(0, name.length() - 5), StandardCharsets.UTF_8);
        document = root;
      }
      if (Arn.tryParse(arn).isEmpty()) {
        throw in.error(
            JsonPointer.ROOT,
            root,
            "does not name a resource ARN ("
                + arn
                + "); use {\"resource\": \"arn:...\", \"policy\": {...}} or name the file after the ARN");
      }
      if (byArn.containsKey(arn)) {
        throw in.error(JsonPointer.ROOT, root, "a second policy for " + arn);
      }
      byArn.put(
          arn,
          new NamedPolicy(
              file.getFileName() + " (" + arn + ")",
              in.policy(document, pointer, "resource policy", PolicyType.RESOURCE)));
    }
    return new ResourcePolicies(byArn, owners, restricted);
  }

  /** A bucket's {@code "s3BlockPublicAccess"}: whether RestrictPublicBuckets is on. */
  private static boolean restrictPublicBuckets(JsonInput in, Json settings, String arn) {
    JsonPointer at = JsonPointer.ROOT.child("s3BlockPublicAccess");
    Optional<Arn> parsed = Arn.tryParse(arn);
    if (parsed.isEmpty()
        || !parsed.get().service().equals("s3")
        || !parsed.get().account().isEmpty()
        || parsed.get().resource().contains("/")) {
      throw in.error(
          at, settings, "S3 Block Public Access settings belong to an S3 bucket, not " + arn);
    }
    Json.Obj object = in.object(settings, at);
    boolean restrict = false;
    for (Json.Member member : object.members()) {
      JsonPointer pointer = at.child(member.name());
      if (!BLOCK_PUBLIC_ACCESS_SETTINGS.contains(member.name())) {
        throw in.error(
            pointer,
            member.value(),
            "unknown S3 Block Public Access setting "
                + OneLine.quote(member.name())
                + "; expected "
                + String.join(", ", BLOCK_PUBLIC_ACCESS_SETTINGS));
      }
      if (!(member.value() instanceof Json.Bool value)) {
        throw in.error(
            pointer, member.value(), "must be true or false, got " + member.value().describe());
      }
      if (member.name().equals("restrictPublicBuckets")) {
        restrict = value.value();
      }
    }
    return restrict;
  }

  /** The policy that governs {@code resourceArn}, if any. */
  public Optional<NamedPolicy> forResource(String resourceArn) {
    return governingArn(resourceArn).map(byArn::get);
  }

  /** The account that owns {@code resourceArn}, when its policy file says so. */
  public Optional<String> ownerOf(String resourceArn) {
    return governingArn(resourceArn).map(owners::get);
  }

  private Optional<String> governingArn(String resourceArn) {
    if (byArn.containsKey(resourceArn)) {
      return Optional.of(resourceArn);
    }
    Optional<Arn> parsed = Arn.tryParse(resourceArn);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    Arn arn = parsed.get();
    if (arn.service().equals("s3") && arn.resource().contains("/")) {
      String bucket = arn.resource().substring(0, arn.resource().indexOf('/'));
      String bucketArn = "arn:" + arn.partition() + ":s3:::" + bucket;
      return byArn.containsKey(bucketArn) ? Optional.of(bucketArn) : Optional.empty();
    }
    if (arn.service().equals("lambda") && arn.resource().startsWith("function:")) {
      String[] parts = arn.resource().split(":", -1);
      if (parts.length == 3) {
        String function = resourceArn.substring(0, resourceArn.length() - parts[2].length() - 1);
        return byArn.containsKey(function) ? Optional.of(function) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the bucket of {@code resourceArn} (a bucket or an object) has S3 Block Public Access's
   * RestrictPublicBuckets on, as its policy file says.
   */
  public boolean bucketRestrictsPublicBuckets(String resourceArn) {
    return governingArn(resourceArn).map(restrictPublicBuckets::contains).orElse(false);
  }

  /** Every loaded policy by ARN. */
  public Map<String, NamedPolicy> all() {
    return Map.copyOf(byArn);
  }
}
