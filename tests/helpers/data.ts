/** Test helpers: a copy of the valid fixture data with some files replaced. */
import { cpSync, mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const VALID = join(ROOT, 'tests/fixtures/valid');
export const INVALID = join(ROOT, 'tests/fixtures/invalid');

/** Copies the valid fixture, then writes (string/Buffer) or deletes (null) the given files. */
export function dataWith(files: Record<string, string | Buffer | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'compendium-data-'));
  cpSync(VALID, dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (content === null) rmSync(target, { recursive: true, force: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  return dir;
}
