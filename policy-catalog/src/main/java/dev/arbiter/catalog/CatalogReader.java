package dev.arbiter.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final int FORMAT = 2;

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
      try (JsonParser parser = FACTORY.createParser(data, offset, length)) {
        parser.nextToken();
        Map<String, Object> s = asMap(readValue(parser));
        if (!prefix.equals(s.get("p"))) {
          throw new IllegalStateException("service catalog: line of " + prefix + " is misplaced");
        }
        return details(prefix, s, globalKeysByName, arnIndex);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the service catalog entry of " + prefix, e);
      }
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
    Map<String, Object> header;
    try (JsonParser parser = FACTORY.createParser(data, 0, headerEnd)) {
      parser.nextToken();
      header = asMap(readValue(parser));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the service catalog header", e);
    }
    return build(header, data, headerEnd + 1);
  }

  private static Catalog build(Map<String, Object> header, byte[] data, int firstLine) {
    int format = ((Number) require(header, "format")).intValue();
    if (format != FORMAT) {
      throw new IllegalStateException("service catalog format " + format + ", expected " + FORMAT);
    }
    List<CatalogSource.SourcePackage> packages = new ArrayList<>();
    for (Object entry : asList(require(header, "generatedFrom"))) {
      Map<String, Object> p = asMap(entry);
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
    for (Object entry : asList(require(header, "globalKeys"))) {
      List<Object> k = asList(entry);
      ConditionKeyInfo key =
          new ConditionKeyInfo(
              (String) k.get(0),
              ConditionKeyType.fromReferenceName((String) k.get(1)),
              KeyCategory.fromName((String) k.get(2)));
      globals.add(key);
      globalsByName.put(key.name().toLowerCase(Locale.ROOT), key);
    }

    Set<String> rcp = new LinkedHashSet<>();
    for (Object prefix : asList(require(header, "rcpServices"))) {
      rcp.add(((String) prefix).toLowerCase(Locale.ROOT));
    }

    ArnIndex arnIndex = new ArnIndex(prefixLists(require(header, "arnServices")));
    List<Service> services = new ArrayList<>();
    int offset = firstLine;
    for (Object entry : asList(require(header, "services"))) {
      List<Object> s = asList(entry);
      String prefix = (String) s.get(0);
      int length = ((Number) s.get(2)).intValue();
      if (offset + length > data.length) {
        throw new IllegalStateException("service catalog: truncated at " + prefix);
      }
      services.add(
          new Service(
              prefix,
              (String) s.get(1),
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

  private static Map<String, List<String>> prefixLists(Object value) {
    Map<String, List<String>> out = new HashMap<>();
    for (Map.Entry<String, Object> entry : asMap(value).entrySet()) {
      List<String> prefixes = new ArrayList<>();
      for (Object prefix : asList(entry.getValue())) {
        prefixes.add((String) prefix);
      }
      out.put(entry.getKey(), List.copyOf(prefixes));
    }
    return out;
  }

  private static Service.Details details(
      String prefix,
      Map<String, Object> s,
      Map<String, ConditionKeyInfo> globalsByName,
      ArnIndex arnIndex) {
    Map<String, String> strings = new HashMap<>();

    List<ConditionKeyInfo> keys = new ArrayList<>();
    for (Object entry : asList(require(s, "c"))) {
      List<Object> k = asList(entry);
      String name = intern(strings, (String) k.get(0));
      // A global key listed on a service page is the global key (same type, its category).
      ConditionKeyInfo global = globalsByName.get(name.toLowerCase(Locale.ROOT));
      keys.add(
          global != null
              ? global
              : new ConditionKeyInfo(
                  name,
                  ConditionKeyType.fromReferenceName((String) k.get(1)),
                  KeyCategory.SERVICE));
    }

    List<ResourceType> types = new ArrayList<>();
    for (Object entry : asList(require(s, "r"))) {
      List<Object> r = asList(entry);
      types.add(
          new ResourceType(
              prefix,
              intern(strings, (String) r.get(0)),
              splitFormats((String) r.get(1)),
              strings(strings, r, 2),
              arnIndex));
    }

    List<ActionInfo> actions = new ArrayList<>();
    for (Object entry : asList(require(s, "a"))) {
      List<Object> a = asList(entry);
      List<ActionResource> resources = new ArrayList<>();
      Set<String> dependents = new LinkedHashSet<>(strings(strings, a, 4));
      if (a.size() > 2) {
        for (Object rt : asList(a.get(2))) {
          List<Object> r = asList(rt);
          List<String> resourceDependents = strings(strings, r, 3);
          resources.add(
              new ActionResource(
                  intern(strings, (String) r.get(0)),
                  ((Number) r.get(1)).intValue() != 0,
                  strings(strings, r, 2),
                  resourceDependents));
          dependents.addAll(resourceDependents);
        }
      }
      actions.add(
          new ActionInfo(
              prefix,
              (String) a.get(0),
              AccessLevel.fromCode((String) a.get(1)),
              resources,
              strings(strings, a, 3),
              List.copyOf(dependents)));
    }
    return Service.Details.of(actions, types, keys);
  }

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
  private static List<String> strings(Map<String, String> pool, List<Object> entry, int index) {
    if (entry.size() <= index) {
      return List.of();
    }
    List<Object> values = asList(entry.get(index));
    List<String> out = new ArrayList<>(values.size());
    for (Object value : values) {
      out.add(intern(pool, (String) value));
    }
    return out;
  }

  /** Shares equal strings (condition keys, resource type names repeat across actions). */
  private static String intern(Map<String, String> pool, String s) {
    String shared = pool.putIfAbsent(s, s);
    return shared == null ? s : shared;
  }

  private static Object require(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      throw new IllegalStateException("service catalog: missing \"" + key + "\"");
    }
    return value;
  }

  private static String string(Map<String, Object> map, String key) {
    return (String) require(map, key);
  }

  @SuppressWarnings("unchecked") // readValue builds only these shapes
  private static List<Object> asList(Object value) {
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked") // readValue builds only these shapes
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  /** The value at the current token: a String, Integer, List or Map (no nulls in the resource). */
  private static Object readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Object> map = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        map.put(name, readValue(parser));
      }
      return map;
    }
    if (token == JsonToken.START_ARRAY) {
      List<Object> list = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        list.add(readValue(parser));
      }
      return list;
    }
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getIntValue();
    }
    throw new IllegalStateException("service catalog: unexpected " + token);
  }
}
