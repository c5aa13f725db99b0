/**
 * JMH benchmarks. Build and run: {@code mvn -B -ntp -pl policy-bench -am package -DskipTests &&
 * java -jar policy-bench/target/benchmarks.jar WildcardBench}.
 */
@NullMarked
package dev.arbiter.bench;

import org.jspecify.annotations.NullMarked;
