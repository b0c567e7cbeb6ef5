/**
 * A cache of results by key, for pure text functions called over and over with the same
 * inputs (typography and Markdown on the site, the editorial checks of every text on each of
 * the preview's loads). Emptied when it reaches `limit` entries, so a long preview session
 * that keeps editing texts cannot make it grow without bound. Callers must not modify what
 * it returns: the same value is handed out again.
 */
export function boundedMemo<T = string>(limit: number): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
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
