package dev.arbiter.eval;

/**
 * The S3 Block Public Access settings that bear on a decision about a bucket (docs/semantics.md
 * §9.13): {@code RestrictPublicBuckets}, set for the bucket owner's account, on the bucket, or
 * both. With either on, a bucket policy that is public grants only to AWS service principals and to
 * principals of the bucket owner's account.
 *
 * <p>The other three settings of S3's {@code PublicAccessBlockConfiguration} do not change a
 * decision: {@code BlockPublicPolicy} makes S3 refuse to store a public bucket policy, {@code
 * BlockPublicAcls} refuses public ACLs in PUT requests, and {@code IgnorePublicAcls} concerns ACLs,
 * which Arbiter does not evaluate.
 *
 * @param accountRestrictPublicBuckets {@code RestrictPublicBuckets} of the bucket owner's account
 * @param bucketRestrictPublicBuckets {@code RestrictPublicBuckets} of the bucket
 */
public record S3BlockPublicAccess(
    boolean accountRestrictPublicBuckets, boolean bucketRestrictPublicBuckets) {

  /** Every setting off: AWS's default for a bucket and an account that never set them. */
  public static final S3BlockPublicAccess OFF = new S3BlockPublicAccess(false, false);

  /** Whether public bucket policies are restricted: the account's setting or the bucket's is on. */
  public boolean restrictPublicBuckets() {
    return accountRestrictPublicBuckets || bucketRestrictPublicBuckets;
  }

  /** Where RestrictPublicBuckets is on, for explanations: "the account", "the bucket", both. */
  String where() {
    if (accountRestrictPublicBuckets && bucketRestrictPublicBuckets) {
      return "the account and the bucket";
    }
    return accountRestrictPublicBuckets ? "the account" : "the bucket";
  }
}
