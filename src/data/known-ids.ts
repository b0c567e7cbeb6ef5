/**
 * The ids each data folder held in earlier runs, so that a reference to a removed record is
 * named as such (« supprimé, encore cité ici ») instead of being taken for a typo: an editor
 * who deletes a testimonial must be told to remove its last mentions, never to swap in
 * someone else's. A typo is never remembered (only records are, not references).
 *
 * Kept in the user's cache folder (~/.cache/compendium/, %LOCALAPPDATA%\compendium on Windows;
 * COMPENDIUM_CACHE_DIR to choose), one file per data folder: out of data/, so it is neither
 * published nor shared by mistake, and out of the install (which may be read-only or shared);
 * losing it only loses the « supprimé » wording, the messages stay right without it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type IdSets = Record<string, string[]>;

function cacheDir(): string {
  const env = process.env;
  if (env.COMPENDIUM_CACHE_DIR) return env.COMPENDIUM_CACHE_DIR;
  const base = env.XDG_CACHE_HOME ?? env.LOCALAPPDATA ?? join(homedir(), '.cache');
  return join(base, 'compendium');
}

const fileFor = (dataDir: string): string => join(cacheDir(), `ids-${createHash('sha1').update(dataDir).digest('hex').slice(0, 16)}.json`);

/**
 * Returns the ids remembered for `dataDir` (per collection), then remembers `current` too.
 * Never fails: a missing or unwritable cache means « nothing remembered ».
 */
export async function rememberIds(dataDir: string, current: IdSets): Promise<Map<string, Set<string>>> {
  const file = fileFor(dataDir);
  let before: IdSets = {};
  try {
    before = JSON.parse(await readFile(file, 'utf8')) as IdSets;
  } catch {
    // First run on this folder, or a damaged cache: start afresh.
  }
  const merged = new Map<string, Set<string>>();
  const known = new Map<string, Set<string>>();
  for (const key of new Set([...Object.keys(before), ...Object.keys(current)])) {
    const old = new Set(Array.isArray(before[key]) ? before[key] : []);
    known.set(key, old);
    merged.set(key, new Set([...old, ...(current[key] ?? [])]));
  }
  const changed = [...merged].some(([key, ids]) => ids.size !== known.get(key)!.size);
  if (changed) {
    try {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(Object.fromEntries([...merged].map(([k, v]) => [k, [...v].sort()]))));
      await rename(tmp, file);
    } catch {
      // A read-only install: the memory is a comfort, not a requirement.
    }
  }
  return known;
}
