/** Arbiter lint. */
@NullMarked
package dev.arbiter.lint;

import org.jspecify.annotations.NullMarked;
