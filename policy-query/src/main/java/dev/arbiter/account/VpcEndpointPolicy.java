package dev.arbiter.account;

import dev.arbiter.eval.NamedPolicy;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.PolicyType;
import dev.arbiter.policy.json.Json;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The policy of the VPC endpoint that requests pass through (docs/semantics.md §10), read from a
 * file shaped like a resource policy file: {@code {"vpcEndpoint": "vpce-1a2b3c4d", "policy": { ...
 * }}}. The policy is validated as a VPC endpoint policy.
 *
 * @param id the endpoint's ID, which names it in explanations
 * @param policy the endpoint policy, named after the file and the endpoint
 */
public record VpcEndpointPolicy(String id, NamedPolicy policy) {

  /**
   * Reads one endpoint policy file.
   *
   * @throws AccountLoadException naming the file and the member when it is not valid
   */
  public static VpcEndpointPolicy load(Path file) {
    JsonInput in = JsonInput.load(file);
    Json root = in.root();
    Optional<Json> policy = JsonInput.member(root, "policy");
    if (JsonInput.member(root, "vpcEndpoint").isEmpty() || policy.isEmpty()) {
      throw in.error(
          JsonPointer.ROOT,
          root,
          "a VPC endpoint policy file is {\"vpcEndpoint\": \"vpce-...\", \"policy\": {...}}");
    }
    String id = in.text(root, "vpcEndpoint", JsonPointer.ROOT);
    NamedPolicy named =
        new NamedPolicy(
            "VPC endpoint " + id + " (" + file.getFileName() + ")",
            in.policy(
                policy.get(),
                JsonPointer.ROOT.child("policy"),
                "VPC endpoint policy",
                PolicyType.VPC_ENDPOINT));
    return new VpcEndpointPolicy(id, named);
  }
}
