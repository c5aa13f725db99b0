/**
 * The three questions users ask of a real account, as a small query language and a Java API: can a
 * principal do an action on a resource, who can, and what can a principal do.
 */
@NullMarked
package dev.arbiter.query;

import org.jspecify.annotations.NullMarked;
