package dev.arbiter.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CatalogReaderTest {

  private static final String HEADER =
      """
      {"format":2,"generatedAt":"2026-01-02T03:04:05Z",
       "generatedFrom":[
        {"package":"@x/data","version":"1.2.3","updatedAt":"2026-01-01T00:00:00Z","use":"all"},
        {"package":"@x/data","version":"0.9.0","updatedAt":"2025-01-01T00:00:00Z",
         "use":"dependent actions"}],
       "globalKeys":[["aws:ResourceTag/${TagKey}","String","resource"],
                     ["aws:SourceIp","IPAddress","network"]],
       "rcpServices":["svc"],
       "services":[["other","Other service",%d],["svc","A service",%d]],
       "arnServices":{"svc":["svc"],"other":["other"]},
       "keyPrefixes":{"svc":["svc"],"saml":["svc"]}}"""
          .replace("\n", "");

  private static final String OTHER =
      "{\"p\":\"other\",\"n\":\"Other service\",\"a\":[],\"r\":[],\"c\":[]}";

  private static final String SVC =
      """
      {"p":"svc","n":"A service",
       "a":[["DoThing","W",[["thing",1,["svc:Color"],["other:Helper"]]],
             ["aws:ResourceTag/${TagKey}"],["svc:Other"]],
            ["ListThings","L"],
            ["Other","P",[],[],["other:Helper"]]],
       "r":[["thing","arn:${Partition}:svc:${Region}:${Account}:thing/${Id}, arn:${Partition}:svc:${Region}:${Account}:old-thing/${Id}",["svc:Color"]]],
       "c":[["aws:ResourceTag/${TagKey}","String"],["saml:aud","String"],["svc:Color","ArrayOfString"]]}"""
          .replace("\n", "");

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Catalog synthetic() throws IOException {
    String header = HEADER.formatted(bytes(OTHER), bytes(SVC));
    return CatalogReader.read(new ByteArrayInputStream(gzip(header + "\n" + OTHER + "\n" + SVC)));
  }

  @Test
  void read_synthetic_buildsServicesActionsTypesAndKeys() throws IOException {
    Catalog catalog = synthetic();

    assertThat(catalog.source().summary())
        .isEqualTo(
            "@x/data 1.2.3 (data 2026-01-01), dependent actions from 0.9.0; generated 2026-01-02");
    assertThat(catalog.services()).extracting(Service::prefix).containsExactly("other", "svc");
    Service svc = catalog.service("svc").orElseThrow();
    assertThat(svc.name()).isEqualTo("A service");
    assertThat(svc.isRcpSupported()).isTrue();
    assertThat(catalog.isRcpSupported("other")).isFalse();

    ActionInfo doThing = catalog.action("svc:dothing").orElseThrow();
    assertThat(doThing.accessLevel()).isEqualTo(AccessLevel.WRITE);
    assertThat(doThing.resourceTypes())
        .containsExactly(
            new ActionResource("thing", true, List.of("svc:Color"), List.of("other:Helper")));
    assertThat(doThing.conditionKeys()).containsExactly("aws:ResourceTag/${TagKey}");
    // Action-level dependents first, then the resource rows', without duplicates.
    assertThat(doThing.dependentActions()).containsExactly("svc:Other", "other:Helper");
    assertThat(catalog.action("svc:ListThings").orElseThrow().resourceTypes()).isEmpty();
    assertThat(catalog.actions("svc", AccessLevel.PERMISSIONS_MANAGEMENT))
        .extracting(ActionInfo::name)
        .containsExactly("Other");

    ResourceType thing = svc.resourceType("THING").orElseThrow();
    assertThat(thing.arnFormats())
        .containsExactly(
            "arn:${Partition}:svc:${Region}:${Account}:thing/${Id}",
            "arn:${Partition}:svc:${Region}:${Account}:old-thing/${Id}");
    assertThat(thing.matches("arn:aws:svc:r:1:old-thing/x")).isTrue();
    assertThat(catalog.matchingResourceTypes("arn:aws:svc:r:1:thing/x")).containsExactly(thing);

    assertThat(catalog.conditionKey("svc:color"))
        .contains(
            new ConditionKeyInfo(
                "svc:Color", ConditionKeyType.ARRAY_OF_STRING, KeyCategory.SERVICE));
    assertThat(catalog.conditionKey("saml:aud")).map(ConditionKeyInfo::name).contains("saml:aud");
    assertThat(svc.conditionKey("aws:ResourceTag/k").orElseThrow().category())
        .isEqualTo(KeyCategory.RESOURCE);
  }

  @Test
  void read_otherFormat_isRejected() throws IOException {
    String header =
        HEADER.replace("\"format\":2", "\"format\":1").formatted(bytes(OTHER), bytes(SVC));
    byte[] data = gzip(header + "\n" + OTHER + "\n" + SVC);

    assertThatThrownBy(() -> CatalogReader.read(new ByteArrayInputStream(data)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format 1");
  }

  @Test
  void read_lengthsThatDoNotAddUp_isRejected() throws IOException {
    String header = HEADER.formatted(bytes(OTHER), bytes(SVC) + 5);
    byte[] data = gzip(header + "\n" + OTHER + "\n" + SVC);

    assertThatThrownBy(() -> CatalogReader.read(new ByteArrayInputStream(data)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void read_notGzip_failsWithUncheckedIo() {
    InputStream notGzip = new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> CatalogReader.read(notGzip)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void details_readByManyThreadsAtOnce_areReadOnce() throws Exception {
    byte[] bundled;
    try (InputStream in =
        Catalog.class.getResourceAsStream("/dev/arbiter/catalog/iam-catalog.json.gz")) {
      assertThat(in).isNotNull();
      bundled = in.readAllBytes();
    }
    Catalog fresh = CatalogReader.read(new ByteArrayInputStream(bundled));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<ActionInfo>>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(pool.submit(() -> fresh.service("ec2").orElseThrow().actions()));
      }
      List<ActionInfo> first = results.get(0).get();
      for (Future<List<ActionInfo>> result : results) {
        assertThat(result.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
