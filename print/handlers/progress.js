/* global Paged */
/**
 * Reports every laid-out page to Node, so a long build shows it is alive. The binding
 * `__compendiumProgress` is installed by src/print/paginate.ts (puppeteer exposeFunction);
 * without it (the file opened in a desktop browser) this handler does nothing.
 */
class ProgressHandler extends Paged.Handler {
  afterPageLayout(_pageElement, _page, _breakToken, chunker) {
    if (typeof window.__compendiumProgress === 'function') {
      // Not awaited: the binding answers asynchronously and layout must not wait for Node.
      window.__compendiumProgress(chunker.total);
    }
  }
}

Paged.registerHandlers(ProgressHandler);
