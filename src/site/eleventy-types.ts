/**
 * The few parts of Eleventy's configuration API we use, typed (Eleventy ships JSDoc, not
 * declarations TypeScript reads).
 */
export interface EleventyConfig {
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addNunjucksFilter(name: string, fn: (...args: never[]) => unknown): void;
  addAsyncShortcode(name: string, fn: (...args: never[]) => Promise<string>): void;
  addGlobalData(name: string, value: unknown): void;
  addPassthroughCopy(map: Record<string, string> | string): void;
  directories: { input: string; output: string };
}
