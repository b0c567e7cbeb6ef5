import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createProgressReporter, progressLine, renderSummary } from '../../src/print/progress.ts';

const NB = '\u00A0';

/** A stream that records what is written to it. */
const fakeStream = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WritableStream & { isTTY: boolean; chunks: string[] };
};

const progress = suite('progress');

progress('says where the render is, in French', () => {
  assert.is(progressLine({ stage: 'paginate', pages: 42, elapsedMs: 3140 }), `Mise en page${NB}: 42${NB}pages (3,1${NB}s)`);
  assert.is(progressLine({ stage: 'launch', pages: 0, elapsedMs: 80 }), `Démarrage du navigateur${NB}: (0,1${NB}s)`);
});

progress('on a terminal, redraws one live line', () => {
  const stream = fakeStream(true);
  const reporter = createProgressReporter(stream, {});
  reporter.update({ stage: 'load', pages: 0, elapsedMs: 10 });
  reporter.done('PDF prêts.');
  assert.equal(stream.chunks, [`\r\x1b[2KChargement du document${NB}: (0${NB}s)`, '\r\x1b[2KPDF prêts.\n']);
});

progress('in logs or on CI, prints a single quiet line', () => {
  for (const [tty, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
    const stream = fakeStream(tty);
    const reporter = createProgressReporter(stream, env);
    reporter.update({ stage: 'paginate', pages: 3, elapsedMs: 100 });
    reporter.update({ stage: 'paginate', pages: 4, elapsedMs: 300 });
    reporter.done('PDF prêts.');
    assert.equal(stream.chunks, ['PDF prêts.\n']);
  }
});

progress('sums a render up in one line', () => {
  assert.is(
    renderSummary({ pageCount: 12, timings: { total: 912 }, print: { bytes: 2_123_076 }, screen: { bytes: 185_465 } }),
    `PDF${NB}: 12${NB}pages en 0,9${NB}s — impression 2,1${NB}Mo, écran 185${NB}ko`,
  );
  assert.is(renderSummary({ pageCount: 1, timings: { total: 50 } }), `PDF${NB}: 1${NB}page en 0,1${NB}s`);
});

progress.run();
