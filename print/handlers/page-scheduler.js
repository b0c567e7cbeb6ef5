/* global Paged, MessageChannel */
/**
 * Lays out the next page as soon as the last one is done, instead of at the next animation
 * frame.
 *
 * Why: Paged.js queues each page as a task run by `requestAnimationFrame`, so a page costs at
 * least one frame (16.7 ms at 60 Hz) and Chromium paints the pages area at every frame — work
 * no one sees in a headless print. A page takes 5 to 15 ms to lay out here: at 1 000 projects,
 * a third of the pagination was spent waiting for frames (bench/README.md). A message posted
 * to ourselves runs as the next task: the page still yields to the event loop between pages
 * (progress reports, DevTools calls, garbage collection), but does not wait for a frame.
 * Every measurement Paged.js makes forces its own layout, so the pages are the same.
 * (`setTimeout(0)` would do, but Chromium clamps nested timers to 4 ms.)
 */
class PageScheduler extends Paged.Handler {
  constructor(chunker, polisher, caller) {
    super(chunker, polisher, caller);
    if (!chunker?.q) return;
    const channel = new MessageChannel();
    const waiting = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    chunker.q.tick = (callback) => {
      waiting.push(callback);
      channel.port2.postMessage(null);
    };
  }
}

Paged.registerHandlers(PageScheduler);
