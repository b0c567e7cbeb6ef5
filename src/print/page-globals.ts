/**
 * What our code adds to `window` in the print page, typed once for every in-page function.
 *
 * In-page functions are written in TypeScript and passed to page.evaluate(); tsx compiles them
 * with esbuild's keepNames, which wraps named inner functions in a `__name(fn, "name")` helper
 * that does not exist in the page. `NAME_SHIM` defines a no-op one before any page script runs.
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export interface PagedState {
  done: boolean;
  error: string | null;
  pages: number;
}

interface PagedFlow {
  total: number;
}

interface PagedPreviewer {
  preview(): Promise<PagedFlow>;
}

declare global {
  interface Window {
    Paged?: { Previewer: new () => PagedPreviewer };
    __compendiumPaged?: PagedState;
    __compendiumProgress?: (pages: number) => void;
    /** Images of the deferred content, fetched before pagination (paginate.ts). */
    __compendiumImages?: HTMLImageElement[];
  }
}
