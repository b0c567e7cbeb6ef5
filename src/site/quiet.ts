/**
 * Keeps Eleventy's own English lines off the editor's terminal: our builds report their own
 * progress and timings, in French.
 */

interface BenchmarkGroup {
  setIsVerbose?(verbose: boolean): void;
}
interface EleventyConfigWithBenchmarks {
  benchmarkManager?: { setVerboseOutput?(verbose: boolean): void; benchmarkGroups?: Record<string, BenchmarkGroup> };
}

/**
 * Quiet mode does not reach the benchmark groups Eleventy made before it read it: a slow filter
 * would still print « [11ty] Benchmark … ». (Internal API of Eleventy 3, hence the optional
 * chaining: if it changes, the lines come back, nothing breaks.)
 */
export function silenceBenchmarks(eleventyConfig: unknown): void {
  const benchmarks = (eleventyConfig as EleventyConfigWithBenchmarks).benchmarkManager;
  benchmarks?.setVerboseOutput?.(false);
  for (const group of Object.values(benchmarks?.benchmarkGroups ?? {})) group.setIsVerbose?.(false);
}
