/**
 * A cache of results by key, for pure text functions the site calls over and over with the
 * same inputs (typography, Markdown). Emptied when it reaches `limit` entries, so a long
 * preview session that keeps editing texts cannot make it grow without bound.
 */
export function boundedMemo(limit: number): (key: string, compute: () => string) => string {
  const cache = new Map<string, string>();
  return (key, compute) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = compute();
      cache.set(key, value);
    }
    return value;
  };
}
