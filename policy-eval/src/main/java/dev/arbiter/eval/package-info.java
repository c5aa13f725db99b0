/** Arbiter eval. */
@NullMarked
package dev.arbiter.eval;

import org.jspecify.annotations.NullMarked;
