/** Arbiter cli. */
@NullMarked
package dev.arbiter.cli;

import org.jspecify.annotations.NullMarked;
