/** The site's texts share the one bounded memo (src/memo.ts). */
export { boundedMemo } from '../memo.ts';
