package dev.arbiter.iac;

import java.util.ArrayList;
import java.util.List;

/**
 * The S3 Block Public Access settings that a template or plan sets for the bucket of a bucket
 * policy (docs/semantics.md §9.13): CloudFormation's {@code PublicAccessBlockConfiguration} of the
 * {@code AWS::S3::Bucket}, Terraform's {@code aws_s3_bucket_public_access_block} on the bucket and
 * {@code aws_s3_account_public_access_block} in the same plan. A setting is on only when the file
 * sets it to a known {@code true}: a value not known offline reads as off, the reading that gives
 * no less access.
 *
 * <p>{@code BlockPublicAcls} and {@code IgnorePublicAcls} concern ACLs, not policies, and are not
 * kept. See "Blocking public access to your Amazon S3 storage"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html).
 *
 * @param blockPublicPolicy {@code BlockPublicPolicy} is on for the bucket or its account: S3
 *     refuses {@code PutBucketPolicy} with a public policy (a policy already stored stays)
 * @param restrictPublicBuckets {@code RestrictPublicBuckets} is on for the bucket or its account: a
 *     public bucket policy grants only to AWS service principals and the bucket owner's account
 * @param setBy where the settings that are on are set, for messages: {@code SiteBucket
 *     /Resources/SiteBucket/Properties/PublicAccessBlockConfiguration}, {@code
 *     aws_s3_account_public_access_block.this (account)}
 */
public record S3PublicAccessBlock(
    boolean blockPublicPolicy, boolean restrictPublicBuckets, List<String> setBy) {

  /** Nothing set: AWS's default for a new bucket when no setting is given. */
  public static final S3PublicAccessBlock NONE = new S3PublicAccessBlock(false, false, List.of());

  /** Copies the list. */
  public S3PublicAccessBlock {
    setBy = List.copyOf(setBy);
  }

  /** Whether a setting that bears on a bucket policy is on. */
  public boolean any() {
    return blockPublicPolicy || restrictPublicBuckets;
  }

  /** These settings and {@code other}'s: either level turning a setting on is enough. */
  public S3PublicAccessBlock and(S3PublicAccessBlock other) {
    List<String> where = new ArrayList<>(setBy);
    for (String s : other.setBy) {
      if (!where.contains(s)) {
        where.add(s);
      }
    }
    return new S3PublicAccessBlock(
        blockPublicPolicy || other.blockPublicPolicy,
        restrictPublicBuckets || other.restrictPublicBuckets,
        where);
  }

  /**
   * What the settings do to a public bucket policy, in a sentence: {@code S3 Block Public Access
   * (SiteBucket /Resources/...) restricts it: with RestrictPublicBuckets on, ...}; "" when none is
   * on.
   */
  public String effect() {
    if (!any()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("S3 Block Public Access set in this file (")
            .append(String.join(", ", setBy))
            .append(")");
    if (restrictPublicBuckets) {
      out.append(
          " restricts it: with RestrictPublicBuckets on, a public bucket policy grants only to AWS"
              + " service principals and principals of the bucket owner's account");
    }
    if (blockPublicPolicy) {
      out.append(restrictPublicBuckets ? ", and" : "")
          .append(
              " refuses it: with BlockPublicPolicy on, S3 rejects PutBucketPolicy with a public"
                  + " policy (a policy stored before the setting stays)");
    }
    return out.append('.').toString();
  }
}
