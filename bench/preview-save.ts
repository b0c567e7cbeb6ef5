/**
 * The `preview-save` stage: how long an editor waits, after saving a file, before the open
 * page of the preview shows the change. Starts a real preview (`startPreview`, as `npm start`
 * does) on a copy of the data, listens to its reload events as the browser's script does,
 * waits until it is idle (as when the editor reads the site before a first edit), then saves
 * a project's file SAVES times, a few seconds apart like an editor — long enough for the
 * rest of the site to start rebuilding in the background, as it would, which the next save
 * stops — and measures each from the write to the moment the project's page, fetched after
 * its reload event, has the new text.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SaveTiming {
  /** From the write to the page served with the change (what the editor waits for). */
  ms: number;
  /** From the write to the reload event that names the page. */
  eventMs: number;
}

export interface SaveTimings extends SaveTiming {
  /** Each save's time, in order (`ms` and `eventMs` are their medians). */
  savesMs: number[];
  eventsMs: number[];
}

/** Saves measured in each run of the stage. */
const SAVES = 5;
/** Between two saves: past the builder's 1.5 s pause, so a background build is under way. */
const PAUSE_MS = 2000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Reload events of the preview, as the browser's EventSource receives them. */
async function listen(url: string, onMessage: (data: string) => void): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          buffer = buffer.slice(end + 2);
          if (data) onMessage(data);
        }
      }
    } catch {
      // Aborted at the end of the measure.
    }
  })();
  return abort;
}

export async function measurePreviewSave(dataDir: string, work: string): Promise<SaveTimings> {
  const { startPreview } = await import('../src/preview/server.ts');
  const data = join(work, 'data');
  await cp(dataDir, data, { recursive: true });
  const id = (await readdir(join(data, 'projets'))).filter((f) => f.endsWith('.yaml')).sort()[0]!.slice(0, -'.yaml'.length);
  const file = join(data, 'projets', `${id}.yaml`);
  const original = await readFile(file, 'utf8');
  const preview = await startPreview({ dataDir: data, port: 0 });
  const page = new URL(`projets/${id}/`, preview.url).href;
  let wake: () => void = () => undefined;
  const events: string[] = [];
  const abort = await listen(new URL('__apercu/evenements', preview.url).href, (d) => {
    events.push(d);
    wake();
  });
  /** Saves the file with a new name and waits until the page shows it. */
  const save = async (n: number): Promise<SaveTiming> => {
    const name = `Zorglub ${n}`;
    const seen = events.length;
    const t0 = performance.now();
    await writeFile(file, original.replace(/^nom:.*$/m, `nom: ${name}`));
    let eventMs = 0;
    for (let i = seen; ; i++) {
      while (events.length <= i) await new Promise<void>((r) => (wake = r));
      // A reload event either names the pages that changed (JSON) or is the bare « changement ».
      const d = events[i]!;
      if (d.startsWith('{') && !(JSON.parse(d) as { pages?: string[] }).pages?.some((p) => page.endsWith(p))) continue;
      eventMs ||= performance.now() - t0;
      const html = await (await fetch(page)).text();
      if (html.includes(name)) return { ms: performance.now() - t0, eventMs };
    }
  };
  try {
    await preview.upToDate();
    const timings: SaveTiming[] = [];
    for (let n = 1; n <= SAVES; n++) {
      if (n > 1) await new Promise((r) => setTimeout(r, PAUSE_MS));
      timings.push(await save(n));
    }
    const savesMs = timings.map((t) => t.ms);
    const eventsMs = timings.map((t) => t.eventMs);
    return { ms: median(savesMs), eventMs: median(eventsMs), savesMs, eventsMs };
  } finally {
    abort.abort();
    await preview.close();
  }
}
