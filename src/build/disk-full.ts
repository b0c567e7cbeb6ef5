/**
 * Disk full (ENOSPC) can strike any stage: Eleventy copying a photo (it wraps the error in its
 * own TemplatePassthroughManagerCopyError), Chromium's PDF written by us, Ghostscript, the
 * search index. Whatever the wrapping, the editor gets one French sentence, and the build
 * removes its staging folder so the space is freed.
 */
import { CompendiumError } from '../errors.ts';

/** Whether `err`, or any error it wraps, is « no space left on device ». */
export function isDiskFull(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 8) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (e.code === 'ENOSPC' || (typeof e.message === 'string' && /ENOSPC|No space left on device/i.test(e.message))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDiskFull(x, depth + 1))) return true;
  return isDiskFull(e.cause, depth + 1) || isDiskFull(e.originalError, depth + 1);
}

export class DiskFullError extends CompendiumError {
  constructor(stage: string, kept: string, options?: { cause?: unknown }) {
    super('DISK_FULL', `le disque est plein (étape «\u00A0${stage}\u00A0»)\u00A0: libérez de la place, puis relancez. Les fichiers commencés ont été supprimés\u00A0; ${kept}`, options);
  }
}
