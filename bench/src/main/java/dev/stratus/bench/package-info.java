/**
 * The benchmarks behind docs/PERFORMANCE.md: CLI and JVM synthesis of the reference app against an
 * empty CDK app measured in the same run, synthesis scaling to 300 SecureFunctions, and construction
 * of a SecureFunction against the hand-wired L2 resources it creates. Run by scripts/bench.sh.
 */
package dev.stratus.bench;
