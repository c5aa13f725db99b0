package dev.arbiter.reason;

import dev.arbiter.eval.Request;
import java.util.Optional;

/**
 * Why a check failed: the statement that grants the access in question, and one request it grants
 * that the check forbids, confirmed on the concrete evaluator.
 *
 * @param statementIndex the statement's position in its policy, from 0 (as Access Analyzer counts)
 * @param sid the statement's {@code Sid}, if it has one
 * @param line the 1-based line the statement starts on, or 0 if the policy was built in code
 * @param description a sentence saying what the statement grants
 * @param counterexample a request the statement's policy allows and the check forbids
 */
public record Reason(
    int statementIndex,
    Optional<String> sid,
    int line,
    String description,
    Request counterexample) {}
