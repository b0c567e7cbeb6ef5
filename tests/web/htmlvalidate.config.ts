// html-validate configuration for the built site (tests/web/html.test.ts).
import type { ConfigData } from 'html-validate';

// https://html-validate.org/rules/presets.html — we start from the strictest preset and relax
// a rule only where the reason is written next to it.
export default {
  extends: ['html-validate:recommended', 'html-validate:a11y'],
  rules: {
    // Eleventy writes templates as they are indented; the whitespace between inline elements is
    // harmless and the output is not hand-edited.
    'no-trailing-whitespace': 'off',
    // A project page's title is its full name plus the site's: names of 40–60 characters are
    // common in the data, and RGAA 8.6 asks for a complete, pertinent title, not a short one.
    'long-title': 'off',
  },
} satisfies ConfigData;
