package dev.arbiter.iac.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.iac.EmbeddedPolicy;
import dev.arbiter.iac.Placeholders;
import dev.arbiter.iac.Templates;
import dev.arbiter.policy.JsonPointer;
import dev.arbiter.policy.json.Json;
import dev.arbiter.policy.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each intrinsic function and short form, resolved offline inside a role's inline policy. */
class IntrinsicsTest {

  static final String HEAD =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
          + "Parameters:\n"
          + "  Bucket: {Type: String, Default: my-bucket}\n"
          + "  NoDefault: {Type: String}\n"
          + "  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}\n"
          + "  Names: {Type: CommaDelimitedList, Default: 'a,b,c'}\n"
          + "Mappings:\n"
          + "  Regions: {us-east-1: {Ami: ami-1}, eu-west-1: {Ami: ami-2}}\n"
          + "Conditions:\n"
          + "  IsProd: !Equals [!Ref Env, prod]\n"
          + "  IsDev: !Not [!Condition IsProd]\n"
          + "Resources:\n"
          + "  Queue: {Type: AWS::SQS::Queue}\n"
          + "  Topic: {Type: AWS::SNS::Topic, Properties: {TopicName: alerts}}\n"
          + "  Thing: {Type: Custom::Thing}\n"
          + "  Role:\n"
          + "    Type: AWS::IAM::Role\n"
          + "    Properties:\n"
          + "      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service:"
          + " lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n"
          + "      Policies:\n"
          + "        - PolicyName: p\n"
          + "          PolicyDocument:\n"
          + "            Version: 2012-10-17\n"
          + "            Statement:\n"
          + "              - Effect: Allow\n"
          + "                Action: s3:GetObject\n"
          + "                Resource: ";

  /** The resolved Resource of the inline policy, for {@code value} (YAML, one line). */
  static List<EmbeddedPolicy> policies(String value, Templates.Options options) {
    byte[] bytes = (HEAD + value + "\n").getBytes(StandardCharsets.UTF_8);
    return Templates.read("t.yaml", bytes, Optional.empty(), options).policies().stream()
        .filter(p -> p.property().toString().contains("Policies"))
        .toList();
  }

  static EmbeddedPolicy policy(String value) {
    List<EmbeddedPolicy> found = policies(value, Templates.Options.DEFAULT);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  static Json resource(EmbeddedPolicy policy) {
    return policy
        .document()
        .memberAt(JsonPointer.parse("/Statement/0/Resource"))
        .orElseThrow()
        .value();
  }

  static String text(String value) {
    return JsonWriter.compact(resource(policy(value)));
  }

  @Test
  void ref_parameterDefault_pseudoAndResource() {
    assertThat(text("!Ref Bucket")).isEqualTo("\"my-bucket\"");
    assertThat(text("!Ref AWS::Region")).isEqualTo("\"us-east-1\"");
    assertThat(text("!Ref Queue"))
        .isEqualTo("\"https://sqs.us-east-1.amazonaws.com/123456789012/Queue\"");
    assertThat(text("!Ref Topic")).isEqualTo("\"arn:aws:sns:us-east-1:123456789012:alerts\"");
    assertThat(text("{Ref: AWS::StackId}"))
        .contains(":cloudformation:us-east-1:123456789012:stack/");
  }

  @Test
  void ref_parameterGiven_winsOverDefault() {
    Templates.Options options =
        new Templates.Options(Placeholders.DEFAULT, Set.of(), Map.of("Bucket", "given"));
    EmbeddedPolicy policy = policies("!Ref Bucket", options).get(0);
    assertThat(JsonWriter.compact(resource(policy))).isEqualTo("\"given\"");
  }

  @Test
  void ref_parameterWithoutDefault_isAStandInThatIsUnknown() {
    EmbeddedPolicy policy = policy("!Ref NoDefault");
    assertThat(JsonWriter.compact(resource(policy))).isEqualTo("\"NoDefault\"");
    assertThat(policy.unknowns()).containsExactly(JsonPointer.parse("/Statement/0/Resource"));
  }

  @Test
  void sub_scalarListAndLiteral() {
    assertThat(text("!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'"))
        .isEqualTo("\"arn:aws:s3:::my-bucket/*\"");
    assertThat(text("!Sub ['arn:aws:s3:::${B}/${!Literal}', {B: !Ref Bucket}]"))
        .isEqualTo("\"arn:aws:s3:::my-bucket/${Literal}\"");
    assertThat(text("!Sub '${Queue.Arn}'"))
        .isEqualTo("\"arn:aws:sqs:us-east-1:123456789012:Queue\"");
  }

  @Test
  void getAtt_shortFormSplitsOnTheFirstDot() {
    assertThat(text("!GetAtt Queue.Arn")).isEqualTo("\"arn:aws:sqs:us-east-1:123456789012:Queue\"");
    assertThat(text("{'Fn::GetAtt': [Topic, TopicName]}")).isEqualTo("\"alerts\"");
  }

  @Test
  void getAtt_customResource_isUnknown() {
    EmbeddedPolicy policy = policy("!GetAtt Thing.Some.Attr");
    assertThat(policy.unknowns()).containsExactly(JsonPointer.parse("/Statement/0/Resource"));
  }

  @Test
  void join_select_split() {
    assertThat(text("!Join ['', ['arn:aws:s3:::', !Ref Bucket]]"))
        .isEqualTo("\"arn:aws:s3:::my-bucket\"");
    assertThat(text("!Select [1, !Ref Names]")).isEqualTo("\"b\"");
    assertThat(text("!Split [',', 'x,y']")).isEqualTo("[\"x\",\"y\"]");
    assertThat(text("!Select [0, !Split ['/', 'p/q']]")).isEqualTo("\"p\"");
  }

  @Test
  void findInMap_base64_getAZs_cidr() {
    assertThat(text("!FindInMap [Regions, !Ref AWS::Region, Ami]")).isEqualTo("\"ami-1\"");
    assertThat(text("!Base64 abc")).isEqualTo("\"YWJj\"");
    assertThat(text("!Select [0, !GetAZs '']")).isEqualTo("\"us-east-1a\"");
    assertThat(text("!Cidr ['10.0.0.0/16', 2, 8]")).isEqualTo("[\"10.0.0.0/24\",\"10.0.1.0/24\"]");
  }

  @Test
  void importValueAndDynamicReference_areUnknown() {
    assertThat(policy("!ImportValue SharedBucket").unknowns()).hasSize(1);
    assertThat(policy("'{{resolve:ssm:/bucket}}'").unknowns()).hasSize(1);
  }

  @Test
  void if_undecidedCondition_givesBothBranchesNamed() {
    List<EmbeddedPolicy> found =
        policies(
            "!If [IsProd, 'arn:aws:s3:::prod', 'arn:aws:s3:::dev']", Templates.Options.DEFAULT);
    assertThat(found).hasSize(2);
    assertThat(found.get(0).branches()).containsExactly("IsProd is true");
    assertThat(JsonWriter.compact(resource(found.get(0)))).isEqualTo("\"arn:aws:s3:::prod\"");
    assertThat(found.get(1).branches()).containsExactly("IsProd is false");
    assertThat(JsonWriter.compact(resource(found.get(1)))).isEqualTo("\"arn:aws:s3:::dev\"");
  }

  @Test
  void if_conditionOnGivenParameter_isDecided() {
    Templates.Options options =
        new Templates.Options(Placeholders.DEFAULT, Set.of(), Map.of("Env", "prod"));
    List<EmbeddedPolicy> found =
        policies("!If [IsDev, 'arn:aws:s3:::dev', 'arn:aws:s3:::prod']", options);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).branches()).isEmpty();
    assertThat(JsonWriter.compact(resource(found.get(0)))).isEqualTo("\"arn:aws:s3:::prod\"");
  }

  @Test
  void if_branchTheDefaultsContradict_readsTheParameterAsUnknown() {
    List<EmbeddedPolicy> found =
        policies("!If [IsProd, !Sub 'arn:aws:s3:::${Env}', '*']", Templates.Options.DEFAULT);
    assertThat(found).hasSize(2);
    // IsProd is false with the default "dev", so its true branch is deployed with another value.
    assertThat(found.get(0).branches()).containsExactly("IsProd is true");
    assertThat(found.get(0).unknowns()).containsExactly(JsonPointer.parse("/Statement/0/Resource"));
  }

  @Test
  void noValue_dropsTheItem_andLaterItemsKeepTheirTemplatePointers() {
    EmbeddedPolicy policy = policy("[!Ref AWS::NoValue, 'arn:aws:s3:::b']");
    assertThat(JsonWriter.compact(resource(policy))).isEqualTo("[\"arn:aws:s3:::b\"]");
    assertThat(policy.filePointer(JsonPointer.parse("/Statement/0/Resource/0")).toString())
        .isEqualTo("/Resources/Role/Properties/Policies/0/PolicyDocument/Statement/0/Resource/1");
  }

  @Test
  void yamlScalars_keepTheirText() {
    EmbeddedPolicy policy = policy("'*'");
    assertThat(policy.document().memberAt(JsonPointer.parse("/Version")).orElseThrow().value())
        .isEqualTo(new Json.Str("2012-10-17", new dev.arbiter.policy.SourcePosition(23, 22)));
  }

  @Test
  void positions_areTheTemplates_aFunctionsValueAtTheFunction() {
    EmbeddedPolicy policy = policy("!Sub 'arn:aws:s3:::${Bucket}'");
    assertThat(resource(policy).position())
        .isEqualTo(new dev.arbiter.policy.SourcePosition(27, 27));
  }

  /** The whole template read with {@code value} as the inline policy's Resource. */
  static Templates.Template template(String value) {
    byte[] bytes = (HEAD + value + "\n").getBytes(StandardCharsets.UTF_8);
    return Templates.read("t.yaml", bytes, Optional.empty(), Templates.Options.DEFAULT);
  }

  @Test
  void unknownTag_isAProblemAtItsPosition_andOnlyItsPolicyIsLeftUnread() {
    Templates.Template template = template("!Bogus x");
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("Role");
              assertThat(p.pointer())
                  .hasToString(
                      "/Resources/Role/Properties/Policies/0/PolicyDocument/Statement/0/Resource");
              assertThat(p.position()).isEqualTo(new dev.arbiter.policy.SourcePosition(27, 27));
              assertThat(p.message())
                  .startsWith("unknown tag !Bogus; CloudFormation's short forms");
            });
    assertThat(template.policies())
        .extracting(p -> p.property().toString())
        .containsExactly("/Resources/Role/Properties/AssumeRolePolicyDocument");
  }

  @Test
  void refToNothing_isAProblemOfItsProperty() {
    Templates.Template template = template("!Ref Missing");
    assertThat(template.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.resource()).isEqualTo("Role");
              assertThat(p.position()).isEqualTo(new dev.arbiter.policy.SourcePosition(27, 27));
              assertThat(p.message())
                  .contains("neither a parameter, a resource nor a pseudo parameter");
            });
    assertThat(template.policies()).hasSize(1);
  }

  @Test
  void getAttWithoutADot_isAProblem() {
    assertThat(template("!GetAtt Queue").problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("!GetAtt takes Resource.Attribute"));
  }
}
