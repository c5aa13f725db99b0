package dev.arbiter.catalog;

import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonReadException;
import dev.arbiter.policy.json.JsonReader;
import dev.arbiter.policy.json.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the bundled resource (format 2, described in {@code scripts/catalog/README.md}): gzip'd
 * JSON lines, a header and then one line per service. The header is read at once; a service's line
 * only when the service's details are first needed, so that a caller who looks up a few actions
 * does not pay for all 22,000.
 */
final class CatalogReader {
  private static final int FORMAT = 2;

  /**
   * The resource is bundled and trusted; these only bound one line (the largest, the header, is
   * about 250 KB) and its nesting (six levels in format 2).
   */
  private static final Limits LIMITS = new Limits(16 << 20, 8);

  private CatalogReader() {}

  /** Where one service's line is, and what its details refer to. */
  static final class ServiceSource {
    private final byte[] data;
    private final int offset;
    private final int length;
    private final Map<String, ConditionKeyInfo> globalKeysByName;
    private final ArnIndex arnIndex;

    ServiceSource(
        byte[] data,
        int offset,
        int length,
        Map<String, ConditionKeyInfo> globalKeysByName,
        ArnIndex arnIndex) {
      this.data = data;
      this.offset = offset;
      this.length = length;
      this.globalKeysByName = globalKeysByName;
      this.arnIndex = arnIndex;
    }

    Service.Details read(String prefix) {
      Json.Obj s = asMap(line(data, offset, length, "entry of " + prefix));
      if (!prefix.equals(s.get("p").map(CatalogReader::string).orElse(null))) {
        throw new IllegalStateException("service catalog: line of " + prefix + " is misplaced");
      }
      return details(prefix, s, globalKeysByName, arnIndex);
    }
  }

  /** Reads a gzip'd catalog: its header now, each service on first use. */
  static Catalog read(InputStream gzipped) {
    byte[] data;
    try (InputStream in = new GZIPInputStream(gzipped, 1 << 16)) {
      data = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the service catalog", e);
    }
    int headerEnd = 0;
    while (headerEnd < data.length && data[headerEnd] != '\n') {
      headerEnd++;
    }
    return build(asMap(line(data, 0, headerEnd, "header")), data, headerEnd + 1);
  }

  /** One JSON line of the resource. */
  private static Json line(byte[] data, int offset, int length, String what) {
    try {
      return JsonReader.read(Arrays.copyOfRange(data, offset, offset + length), LIMITS);
    } catch (JsonReadException e) {
      throw new IllegalStateException("service catalog: cannot read the " + what, e);
    }
  }

  private static Catalog build(Json.Obj header, byte[] data, int firstLine) {
    int format = integer(require(header, "format"));
    if (format != FORMAT) {
      throw new IllegalStateException("service catalog format " + format + ", expected " + FORMAT);
    }
    List<CatalogSource.SourcePackage> packages = new ArrayList<>();
    for (Json entry : asList(require(header, "generatedFrom"))) {
      Json.Obj p = asMap(entry);
      packages.add(
          new CatalogSource.SourcePackage(
              string(p, "package"),
              string(p, "version"),
              Instant.parse(string(p, "updatedAt")),
              string(p, "use")));
    }
    CatalogSource source =
        new CatalogSource(packages, Instant.parse(string(header, "generatedAt")));

    List<ConditionKeyInfo> globals = new ArrayList<>();
    Map<String, ConditionKeyInfo> globalsByName = new HashMap<>();
    for (Json entry : asList(require(header, "globalKeys"))) {
      List<Json> k = asList(entry);
      ConditionKeyInfo key =
          new ConditionKeyInfo(
              string(k.get(0)),
              ConditionKeyType.fromReferenceName(string(k.get(1))),
              KeyCategory.fromName(string(k.get(2))));
      globals.add(key);
      globalsByName.put(key.name().toLowerCase(Locale.ROOT), key);
    }

    Set<String> rcp = new LinkedHashSet<>();
    for (Json prefix : asList(require(header, "rcpServices"))) {
      rcp.add(string(prefix).toLowerCase(Locale.ROOT));
    }

    ArnIndex arnIndex = new ArnIndex(prefixLists(require(header, "arnServices")));
    List<Service> services = new ArrayList<>();
    int offset = firstLine;
    for (Json entry : asList(require(header, "services"))) {
      List<Json> s = asList(entry);
      String prefix = string(s.get(0));
      int length = integer(s.get(2));
      if (offset + length > data.length) {
        throw new IllegalStateException("service catalog: truncated at " + prefix);
      }
      services.add(
          new Service(
              prefix,
              string(s.get(1)),
              rcp.contains(prefix),
              new ServiceSource(data, offset, length, globalsByName, arnIndex)));
      offset += length + 1;
    }
    if (offset != data.length + 1) {
      throw new IllegalStateException("service catalog: the lines do not add up to the data");
    }
    Catalog catalog =
        new Catalog(
            source, services, globals, rcp, prefixLists(require(header, "keyPrefixes")), arnIndex);
    arnIndex.setCatalog(catalog);
    return catalog;
  }

  private static Map<String, List<String>> prefixLists(Json value) {
    Map<String, List<String>> out = new HashMap<>();
    for (Json.Member entry : asMap(value).members()) {
      List<String> prefixes = new ArrayList<>();
      for (Json prefix : asList(entry.value())) {
        prefixes.add(string(prefix));
      }
      out.put(entry.name(), List.copyOf(prefixes));
    }
    return out;
  }

  private static Service.Details details(
      String prefix, Json.Obj s, Map<String, ConditionKeyInfo> globalsByName, ArnIndex arnIndex) {
    Map<String, String> strings = new HashMap<>();

    List<ConditionKeyInfo> keys = new ArrayList<>();
    for (Json entry : asList(require(s, "c"))) {
      List<Json> k = asList(entry);
      String name = intern(strings, string(k.get(0)));
      // A global key listed on a service page is the global key (same type, its category).
      ConditionKeyInfo global = globalsByName.get(name.toLowerCase(Locale.ROOT));
      keys.add(
          global != null
              ? global
              : new ConditionKeyInfo(
                  name, ConditionKeyType.fromReferenceName(string(k.get(1))), KeyCategory.SERVICE));
    }

    List<ResourceType> types = new ArrayList<>();
    for (Json entry : asList(require(s, "r"))) {
      List<Json> r = asList(entry);
      String name = intern(strings, string(r.get(0)));
      List<String> formats = new ArrayList<>(splitFormats(string(r.get(1))));
      for (String extra : DOCUMENTED_FORMATS.getOrDefault(prefix + " " + name, List.of())) {
        if (!formats.contains(extra)) {
          formats.add(extra);
        }
      }
      types.add(new ResourceType(prefix, name, formats, strings(strings, r, 2), arnIndex));
    }

    List<ActionInfo> actions = new ArrayList<>();
    for (Json entry : asList(require(s, "a"))) {
      List<Json> a = asList(entry);
      List<ActionResource> resources = new ArrayList<>();
      Set<String> dependents = new LinkedHashSet<>(strings(strings, a, 4));
      if (a.size() > 2) {
        for (Json rt : asList(a.get(2))) {
          List<Json> r = asList(rt);
          List<String> resourceDependents = strings(strings, r, 3);
          resources.add(
              new ActionResource(
                  intern(strings, string(r.get(0))),
                  integer(r.get(1)) != 0,
                  strings(strings, r, 2),
                  resourceDependents));
          dependents.addAll(resourceDependents);
        }
      }
      actions.add(
          new ActionInfo(
              prefix,
              string(a.get(0)),
              AccessLevel.fromCode(string(a.get(1))),
              resources,
              strings(strings, a, 3),
              List.copyOf(dependents)));
    }
    return Service.Details.of(actions, types, keys);
  }

  /**
   * ARN formats that AWS documents but the Service Authorization Reference leaves out, by service
   * prefix and resource type. Multi-Region Access Points: the S3 User Guide's "Multi-Region Access
   * Point permissions" page grants s3:ListBucket on {@code
   * arn:aws:s3::123456789012:accesspoint/MultiRegionAccessPoint_alias} and s3:GetObject on {@code
   * .../object/*}, which the reference's accesspoint and accesspointobject formats (with a Region)
   * do not cover.
   *
   * <p>ECS tasks for Session Manager: the reference's Systems Manager page gives the task ARN in
   * its old short form ({@code task/${TaskId}}), its Amazon ECS page ("Actions, resources, and
   * condition keys for Amazon Elastic Container Service") gives the current one, {@code
   * task/${ClusterName}/${TaskId}}, which ECS Exec grants ssm:StartSession on (AWS managed policies
   * AWSCodeBuildAdminAccess and AWSCodeBuildDeveloperAccess).
   *
   * <p>S3 on Outposts objects through an access point: the S3 User Guide's "Replicating objects for
   * S3 on Outposts" prerequisites grant s3-outposts:ReplicateObject and ReplicateDelete on {@code
   * arn:aws:s3-outposts:REGION:ACCOUNT:outpost/OUTPOST/accesspoint/NAME/object/*} in the
   * destination access point policy; the reference's object format names a bucket only.
   */
  private static final Map<String, List<String>> DOCUMENTED_FORMATS =
      Map.of(
          "s3 accesspoint",
          List.of("arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}"),
          "s3 accesspointobject",
          List.of(
              "arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}/object/${ObjectName}"),
          "ssm task",
          List.of("arn:${Partition}:ecs:${Region}:${Account}:task/${ClusterName}/${TaskId}"),
          "s3-outposts object",
          List.of(
              "arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}"
                  + "/accesspoint/${AccessPointName}/object/${ObjectName}"));

  /** A few resource types have several ARN formats, written "arn:..., arn:...". */
  private static List<String> splitFormats(String formats) {
    List<String> out = new ArrayList<>(1);
    int start = 0;
    while (true) {
      int next = formats.indexOf(", arn:", start);
      if (next < 0) {
        out.add(formats.substring(start).strip());
        return out;
      }
      out.add(formats.substring(start, next).strip());
      start = next + 2;
    }
  }

  /** The strings at {@code index} of an entry whose trailing empty lists were left out. */
  private static List<String> strings(Map<String, String> pool, List<Json> entry, int index) {
    if (entry.size() <= index) {
      return List.of();
    }
    List<Json> values = asList(entry.get(index));
    List<String> out = new ArrayList<>(values.size());
    for (Json value : values) {
      out.add(intern(pool, string(value)));
    }
    return out;
  }

  /** Shares equal strings (condition keys, resource type names repeat across actions). */
  private static String intern(Map<String, String> pool, String s) {
    String shared = pool.putIfAbsent(s, s);
    return shared == null ? s : shared;
  }

  private static Json require(Json.Obj map, String key) {
    return map.get(key)
        .orElseThrow(() -> new IllegalStateException("service catalog: missing \"" + key + "\""));
  }

  private static String string(Json.Obj map, String key) {
    return string(require(map, key));
  }

  private static String string(Json value) {
    return as(Json.Str.class, value).value();
  }

  private static int integer(Json value) {
    return Integer.parseInt(as(Json.Num.class, value).text());
  }

  private static List<Json> asList(Json value) {
    return as(Json.Arr.class, value).elements();
  }

  private static Json.Obj asMap(Json value) {
    return as(Json.Obj.class, value);
  }

  private static <T extends Json> T as(Class<T> type, Json value) {
    if (!type.isInstance(value)) {
      throw new IllegalStateException(
          "service catalog: unexpected " + value.describe() + " at " + value.position());
    }
    return type.cast(value);
  }
}
