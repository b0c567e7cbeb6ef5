/* global history, location, URLSearchParams */
// Laureate filters, improved: the filter links (plain links to pre-rendered pages, which
// work without JavaScript) filter the list in place and combine year, territory and theme.
// The state lives in the query string (/laureats/?annee=2024&theme=insertion), so a filtered
// view can be bookmarked. No framework, no dependency.
(function () {
  'use strict';
  var root = document.querySelector('[data-filters]');
  if (!root || !window.URLSearchParams || !history.replaceState) return;
  var KINDS = ['annee', 'territoire', 'theme'];
  var items = Array.prototype.slice.call(root.querySelectorAll('[data-list] > li'));
  var links = Array.prototype.slice.call(root.querySelectorAll('a[data-kind]'));
  var status = root.querySelector('[data-count]');
  // The index's own address, path prefix included: the resolved href of a « Tous » link.
  var all = root.querySelector('a[data-kind][data-value=""]');
  var base = all ? all.pathname : location.pathname;
  var state = { annee: '', territoire: '', theme: '' };

  // Initial state: the facet this pre-rendered page shows, then the query string.
  var kind = root.getAttribute('data-active-kind');
  if (kind) state[kind] = root.getAttribute('data-active-value') || '';
  // A filter page lists its own projects only: other filters are combined on the index.
  var facetPage = Boolean(kind);
  var params = new URLSearchParams(location.search);
  KINDS.forEach(function (k) { if (params.has(k)) state[k] = params.get(k) || ''; });

  function matches(li) {
    return KINDS.every(function (k) {
      if (!state[k]) return true;
      var v = li.getAttribute('data-' + k) || '';
      return k === 'theme' ? (' ' + v + ' ').indexOf(' ' + state[k] + ' ') !== -1 : v === state[k];
    });
  }

  function render(announce) {
    var shown = 0;
    items.forEach(function (li) {
      var ok = matches(li);
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    links.forEach(function (a) {
      var on = state[a.getAttribute('data-kind')] === a.getAttribute('data-value');
      if (on) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    });
    var filtered = KINDS.some(function (k) { return state[k]; });
    var text = shown + (shown > 1 ? ' lauréats' : ' lauréat') + (filtered ? ' sur ' + items.length : '');
    if (announce || status.textContent !== text) status.textContent = text;
  }

  function url() {
    var q = new URLSearchParams();
    KINDS.forEach(function (k) { if (state[k]) q.set(k, state[k]); });
    var s = q.toString();
    return base + (s ? '?' + s : '');
  }

  root.addEventListener('click', function (event) {
    var a = event.target.closest && event.target.closest('a[data-kind]');
    if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    var k = a.getAttribute('data-kind');
    var v = a.getAttribute('data-value');
    // Choosing the active value again clears that filter.
    state[k] = state[k] === v ? '' : v;
    if (facetPage) {
      location.assign(url());
      return;
    }
    history.replaceState(null, '', url());
    render(true);
  });

  root.classList.add('is-enhanced');
  if (!facetPage) render(false);
})();
