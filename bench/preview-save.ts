/**
 * The `preview-save` stage: how long an editor waits, after saving a file, before the open
 * page of the preview shows the change. Starts a real preview (`startPreview`, as `npm start`
 * does) on a copy of the data, listens to its reload events as the browser's script does,
 * saves a project file once to warm up, then saves it again and measures from the write to
 * the moment the project's page, fetched after its reload event, has the new text.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SaveTiming {
  /** From the write to the page served with the change (what the editor waits for). */
  ms: number;
  /** From the write to the reload event that names the page. */
  eventMs: number;
}

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

export async function measurePreviewSave(dataDir: string, work: string): Promise<SaveTiming> {
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
    await save(0);
    return await save(1);
  } finally {
    abort.abort();
    await preview.close();
  }
}
