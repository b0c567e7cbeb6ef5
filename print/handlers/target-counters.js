/* global Paged */
/**
 * `target-counter(attr(href), page)` (the page numbers of the table of contents and of the
 * territory openers), resolved once when the layout is finished instead of after every page.
 *
 * Why: Paged.js 0.4.3's TargetCounters handler runs after each laid-out page. For every link
 * whose target has just been laid out it walks all the pages so far with getComputedStyle and
 * inserts a CSS rule, which invalidates the style of the whole document: the next measurement
 * re-styles and re-lays out every page. With a thousand links the pagination became quadratic
 * (≈ 60 % of its time at 1 000 projects, see bench/README.md). The numbers never influenced
 * the pagination anyway: Paged.js fills them in after the page holding them is laid out.
 *
 * This subclass keeps Paged.js's own CSS rewriting (`onContent`: target-counter() becomes a
 * counter() of a generated name) and its rules (`counter-reset` on the link's pseudo-element),
 * but reads every page's counters in one pass and inserts all the rules at once.
 */
const index = Paged.registeredHandlers.findIndex((handler) => handler.name === 'TargetCounters');
const BuiltIn = Paged.registeredHandlers[index];

if (BuiltIn) {
  class DeferredTargetCounters extends BuiltIn {
    afterPageLayout() {
      // Nothing per page: see afterRendered.
    }

    afterRendered(_pages, chunker) {
      const area = chunker.pagesArea;
      // Page numbers as Paged.js counts them: each page's own counter-reset and -increment.
      const numbers = new Map();
      let number = 0;
      for (const page of area.querySelectorAll('.pagedjs_page')) {
        const style = window.getComputedStyle(page);
        const reset = style['counter-reset'].replace('page', '').trim();
        const increment = style['counter-increment'].replace('page', '').trim();
        if (reset !== 'none') number = parseInt(reset, 10);
        if (increment !== 'none') number += parseInt(increment, 10);
        numbers.set(page, number);
      }
      const find = (value) => {
        if (value.startsWith('#')) {
          const element = document.getElementById(decodeURIComponent(value.slice(1)));
          return element && area.contains(element) ? element : null;
        }
        try {
          return area.querySelector(value);
        } catch {
          return null;
        }
      };

      const rules = [];
      let serial = 0;
      for (const target of Object.values(this.counterTargets)) {
        // Like Paged.js: only attr() targets are handled.
        if (target.func !== 'attr') continue;
        const [query, pseudoName] = target.selector.split(/::?/g);
        const pseudo = pseudoName ? `::${pseudoName}` : '';
        for (const link of area.querySelectorAll(`${query}:not([data-${target.variable}])`)) {
          const name = target.args.find((arg) => link.hasAttribute(arg));
          const element = name ? find(link.getAttribute(name) ?? '') : null;
          if (!element) continue;
          const key = `t${++serial}`;
          link.setAttribute(`data-${target.variable}`, key);
          const selector = `[data-${target.variable}="${key}"]${pseudo}`;
          if (target.counter === 'page') {
            rules.push(`${selector} { counter-reset: ${target.variable} ${numbers.get(element.closest('.pagedjs_page')) ?? 0}; }`);
          } else {
            const value = element.getAttribute(`data-counter-${target.counter}-value`);
            if (value) rules.push(`${selector} { counter-reset: ${target.variable} ${target.variable} ${parseInt(value, 10)}; }`);
          }
        }
      }
      for (const rule of rules) this.styleSheet.insertRule(rule, this.styleSheet.cssRules.length);
    }
  }

  Paged.registeredHandlers.splice(index, 1, DeferredTargetCounters);
}
