/** Helpers shared by Arbiter's modules. Not API: anything here may change without notice. */
@NullMarked
package dev.arbiter.policy.internal;

import org.jspecify.annotations.NullMarked;
