/* global location, history, URLSearchParams */
// The search page: Pagefind's JavaScript API (its index and WebAssembly are self-hosted in
// /pagefind/, built with the site; https://pagefind.app/docs/api/) behind our own interface,
// so that a screen reader hears the number of results (a live region), every control is
// visible when it can be focused, each result is one link, and the page keeps the site's
// fonts and colours. Nothing here comes from the data as HTML: titles and excerpts are
// rebuilt as text nodes, with <mark> elements for the matched words.
(function () {
  'use strict';
  var form = document.querySelector('[data-search]');
  var script = document.currentScript;
  if (!form || !script) return;
  var input = form.querySelector('input[type="search"]');
  var status = form.querySelector('[data-search-status]');
  var list = form.querySelector('[data-search-results]');
  var nojs = form.querySelector('[data-search-nojs]');
  if (nojs) nojs.hidden = true;
  // The site's root (with its sub-path, if any), from this script's own address.
  var root = script.src.replace(/assets\/js\/search\.js(\?.*)?$/, '');
  var api = null;
  var current = 0;

  function load() {
    if (!api) {
      api = import(root + 'pagefind/pagefind.js').then(function (pf) {
        return pf.options({ baseUrl: new URL(root).pathname }).then(function () { return pf; });
      });
    }
    return api;
  }

  /**
   * Text of an HTML fragment from Pagefind, entities decoded and white space kept. A
   * <textarea>'s content is parsed as text: no element is ever created, nothing runs.
   */
  var decoder = document.createElement('textarea');
  function text(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }

  /** The excerpt as text nodes and <mark> elements. */
  function excerpt(html) {
    var p = document.createElement('p');
    p.className = 'search__excerpt';
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === '<mark>') return true;
      if (part === '</mark>') return false;
      var node = document.createTextNode(text(part));
      if (inMark) {
        var m = document.createElement('mark');
        m.appendChild(node);
        p.appendChild(m);
      } else p.appendChild(node);
      return inMark;
    }, false);
    return p;
  }

  function say(message) {
    status.textContent = message;
  }

  function plural(n, one, many) {
    return n + '\u00A0' + (n > 1 ? many : one);
  }

  /** Lower case, without accents: how the words of a query and of a page are compared. */
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  /**
   * Whether Pagefind's match is a real one: one of the words it marked in the excerpt starts
   * like a word of the query (« épicerie » for « épiceries »). Pagefind also returns pages for
   * a word it does not know through a much shorter word (« Z » for « zzzzqx »): a page with
   * none of the query's words is not a result.
   */
  function matches(query, result) {
    var terms = fold(query).split(/[^a-z0-9]+/).filter(Boolean);
    var marked = (result.excerpt || '').match(/<mark>[^<]*<\/mark>/g) || [];
    return marked.some(function (m) {
      var word = fold(text(m.slice(6, -7)));
      return terms.some(function (t) {
        var n = Math.min(t.length, 3);
        return word.slice(0, Math.max(n, Math.min(t.length, word.length) - 2)) === t.slice(0, Math.max(n, Math.min(t.length, word.length) - 2));
      });
    });
  }

  function show(query, results) {
    list.textContent = '';
    results.forEach(function (r) {
      var li = document.createElement('li');
      li.className = 'search__result';
      var h = document.createElement('h2');
      h.className = 'search__title';
      var a = document.createElement('a');
      a.href = r.url;
      a.textContent = text((r.meta && r.meta.title) || r.url);
      h.appendChild(a);
      li.appendChild(h);
      if (r.excerpt) li.appendChild(excerpt(r.excerpt));
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }

  function run(query) {
    var id = ++current;
    query = query.trim();
    if (!query) {
      show('', []);
      say('');
      return;
    }
    say('Recherche en cours…');
    load()
      .then(function (pf) { return pf.search(query); })
      .then(function (search) {
        // Pagefind suggests pages for a word it does not know; a search with no word of the
        // index must say so, not list pages that do not contain it.
        var found = search && search.unfilteredResultCount > 0 ? search.results : [];
        return Promise.all(found.map(function (r) { return r.data(); })).then(function (all) {
          if (id !== current) return;
          var kept = all.filter(function (d) { return matches(query, d); });
          var data = kept.slice(0, 20);
          found = kept;
          show(query, data);
          var q = '«\u202F' + query + '\u202F»';
          if (data.length === 0) say('Aucun résultat pour ' + q + '.');
          else if (found.length > data.length) say(plural(found.length, 'résultat', 'résultats') + ' pour ' + q + ' ; les ' + data.length + ' premiers sont affichés.');
          else say(plural(found.length, 'résultat', 'résultats') + ' pour ' + q + '.');
        });
      })
      .catch(function () {
        if (id === current) say('La recherche n’a pas pu être chargée. Parcourez la liste des lauréats ou le plan du site.');
      });
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    history.replaceState(null, '', '?q=' + encodeURIComponent(input.value.trim()));
    run(input.value);
  });
  // A ?q= in the address runs that search, as if it had been typed.
  var q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    run(q);
  }
})();
