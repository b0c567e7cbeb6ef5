/**
 * `{{ url | webHref }}`, `{{ email | mailHref }}`, `{{ phone | telHref }}`, `{{ url | displayUrl }}`:
 * safe link targets (undefined when the value must not become a link) and their display.
 */
export { webHref, mailHref, telHref, displayUrl } from '../urls.ts';
