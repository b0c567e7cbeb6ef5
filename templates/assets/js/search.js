/* global location, URLSearchParams, Event */
// Starts the Pagefind search UI (self-hosted in /pagefind/, built with the site), in French.
// https://pagefind.app/docs/ui/
(function () {
  'use strict';
  var el = document.querySelector('[data-search]');
  if (!el || typeof window.PagefindUI !== 'function') return;
  el.innerHTML = '';
  new window.PagefindUI({
    element: '#' + el.id,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: false,
    translations: { placeholder: 'Rechercher un projet, une structure, un lieu…' },
  });
  // Pagefind's box has only a placeholder: give it a visible label (RGAA 11.1, 11.2).
  var input = el.querySelector('.pagefind-ui__search-input');
  if (input) {
    input.id = 'recherche-champ';
    var label = document.createElement('label');
    label.htmlFor = input.id;
    label.className = 'search__label';
    label.textContent = 'Rechercher dans le recueil';
    el.insertBefore(label, el.firstChild);
  }
  // A ?q= in the address runs that search, exactly as if it had been typed (triggerSearch is
  // lost when it comes before Pagefind has loaded its index).
  var q = new URLSearchParams(location.search).get('q');
  if (q && input) {
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
})();
