// tintuc report: inlined into every report page (src/report/html.rs). Reads the index written by
// src/report/index.rs (column arrays and a details block; see that file for the names) and
// renders the routes:
//   #/                       overview (rendered in the page)
//   #/search?q=              people and bodies matching q
//   #/people?q=&page=        #/orgs?q=&page=        #/articles?site=&month=&q=&page=
//   #/person/ID?page=        timeline of posts, positions, articles
//   #/org/ID?page=           the people in each post over time, articles
//   #/article/N              the text with its entities highlighted and linked
// Text blocks (<script id="txN">) come after this script and are parsed when an article opens.
(function () {
  'use strict';
  var X = JSON.parse(document.getElementById('tintuc-index').textContent);
  var A = X.a, P = X.people, Q = X.pos, O = X.orgs, SITES = X.sites, ROLES = X.roles, PROVINCES = X.provinces;
  var details = null;
  function D() {
    if (!details) details = JSON.parse(document.getElementById('tintuc-details').textContent);
    return details;
  }
  var PAGE = 50;
  var view = document.getElementById('view');
  var overview = document.getElementById('overview');
  var personById = new Map(), orgById = new Map(), orgByName = new Map();
  P.id.forEach(function (id, i) { personById.set(id, i); });
  O.id.forEach(function (id, i) { orgById.set(id, i); });
  O.n.forEach(function (n, i) { orgByName.set(n, i); });

  // ------------------------------------------------------------------ helpers
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(el, c); }); return; }
    el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  function a(href, text, cls) { return h('a', { href: href, 'class': cls || null }, text); }
  function personLink(i) { return a('#/person/' + P.id[i], P.n[i]); }
  function orgLink(i) { return a('#/org/' + O.id[i], O.n[i]); }
  function articleLink(n) { return a('#/article/' + n, A.t[n] || '(untitled)'); }
  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  var folded = {};
  function foldedOf(name, list) {
    if (!folded[name]) folded[name] = list.map(fold);
    return folded[name];
  }
  function matches(list, name, q) {
    var f = fold(q).trim(), out = [];
    var keys = foldedOf(name, list);
    for (var i = 0; i < keys.length; i++) if (!f || keys[i].indexOf(f) >= 0) out.push(i);
    return out;
  }
  function dash(s) { return s || '–'; }
  function role(p) { return ROLES[Q.r[p]]; }
  function postTitle(p) { return Q.pt[p] || (Q.o[p] >= 0 ? role(p) + ' ' + O.n[Q.o[p]] : role(p)); }
  function latestPost(i) { return P.lp[i] >= 0 ? postTitle(P.lp[i]) : ''; }
  function provincesOf(i) { return P.v[i].map(function (k) { return PROVINCES[k]; }).join(', '); }
  function pager(total, page, base) {
    var pages = Math.max(1, Math.ceil(total / PAGE));
    if (pages === 1) return null;
    var sep = base.indexOf('?') >= 0 ? '&' : '?';
    return h('nav', { 'class': 'pager' },
      page > 1 ? a(base + sep + 'page=' + (page - 1), '‹ previous') : null,
      h('span', null, 'page ' + page + ' of ' + pages + ' (' + total + ')'),
      page < pages ? a(base + sep + 'page=' + (page + 1), 'next ›') : null);
  }
  function slice(list, page) { return list.slice((page - 1) * PAGE, page * PAGE); }
  function show() {
    overview.hidden = true;
    view.hidden = false;
    var box = h('div', null);
    for (var i = 0; i < arguments.length; i++) add(box, arguments[i]);
    view.replaceChildren(box);
  }
  function table(headers, rows) {
    return h('table', null,
      h('thead', null, h('tr', null, headers.map(function (t) { return h('th', null, t); }))),
      h('tbody', null, rows.map(function (r) {
        return h('tr', null, r.map(function (c) { return h('td', null, c); }));
      })));
  }
  function day(s) {
    if (!s) return null;
    var t = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
    return isNaN(t) ? null : t / 86400000;
  }

  // ------------------------------------------------------------------ inverted indexes, built once
  var byPerson = null, byOrg = null, byDate = null, posByOrg = null;
  // For each entry of `count`, the articles whose `refs` (A.p or A.o) name it.
  function invert(count, refs) {
    var out = [];
    for (var i = 0; i < count; i++) out.push([]);
    refs.forEach(function (list, n) { list.forEach(function (e) { if (e >= 0 && out[e][out[e].length - 1] !== n) out[e].push(n); }); });
    return out;
  }
  function articlesOfPerson(i) {
    if (!byPerson) byPerson = invert(P.id.length, A.p);
    return byPerson[i];
  }
  function articlesOfOrg(i) {
    if (!byOrg) byOrg = invert(O.id.length, A.o);
    return byOrg[i];
  }
  function newestFirst(list) {
    return list.slice().sort(function (x, y) { return A.d[x] < A.d[y] ? 1 : A.d[x] > A.d[y] ? -1 : x - y; });
  }
  function allByDate() {
    if (!byDate) byDate = newestFirst(A.t.map(function (_, n) { return n; }));
    return byDate;
  }
  function positionsOfOrg(i) {
    if (!posByOrg) {
      posByOrg = O.id.map(function () { return []; });
      Q.o.forEach(function (o, p) { if (o >= 0) posByOrg[o].push(p); });
    }
    return posByOrg[i];
  }

  // ------------------------------------------------------------------ lists
  function peopleRows(list) {
    return list.map(function (i) {
      return [personLink(i), dash(latestPost(i)), dash(provincesOf(i)), String(P.na[i]), P.fc[i] ? '⚑ review' : ''];
    });
  }
  function orgRows(list) {
    return list.map(function (i) {
      return [orgLink(i), dash(O.k[i]), dash(O.pl[i]), String(O.na[i]),
        O.si[i] >= 0 ? orgLink(O.si[i]) : dash(O.su[i])];
    });
  }
  var PEOPLE_HEAD = ['name', 'latest post', 'provinces', 'articles', ''];
  var ORG_HEAD = ['body', 'kind', 'place', 'articles', 'successor (2025)'];
  function listOf(what, q, page) {
    var people = what === 'people';
    var found = people ? matches(P.n, 'people', q) : matches(O.n, 'orgs', q);
    var base = '#/' + what + (q ? '?q=' + encodeURIComponent(q) : '');
    var title = people ? 'People' : 'Bodies';
    show(h('h1', null, q ? title + ' matching “' + q + '”' : title),
      pager(found.length, page, base),
      people ? table(PEOPLE_HEAD, peopleRows(slice(found, page))) : table(ORG_HEAD, orgRows(slice(found, page))),
      pager(found.length, page, base));
  }
  function search(q) {
    var people = matches(P.n, 'people', q), orgs = matches(O.n, 'orgs', q);
    var more = function (list, href) { return list.length > PAGE ? a(href, 'all ' + list.length + ' results') : null; };
    show(h('h1', null, 'Search: “' + q + '”'),
      h('h2', null, 'People (' + people.length + ')'),
      people.length ? table(PEOPLE_HEAD, peopleRows(people.slice(0, PAGE))) : h('p', { 'class': 'note' }, 'No person.'),
      more(people, '#/people?q=' + encodeURIComponent(q)),
      h('h2', null, 'Bodies (' + orgs.length + ')'),
      orgs.length ? table(ORG_HEAD, orgRows(orgs.slice(0, PAGE))) : h('p', { 'class': 'note' }, 'No body.'),
      more(orgs, '#/orgs?q=' + encodeURIComponent(q)));
  }
  function listArticles(params, page) {
    var site = params.get('site'), month = params.get('month'), q = params.get('q');
    var f = q ? fold(q) : null, titles = f ? foldedOf(A.t, 'titles') : null;
    var found = allByDate().filter(function (n) {
      return (site === null || String(A.s[n]) === site) &&
        (!month || A.d[n].slice(0, 7) === month) && (!f || titles[n].indexOf(f) >= 0);
    });
    var parts = [];
    if (site !== null) parts.push('site=' + site);
    if (month) parts.push('month=' + month);
    if (q) parts.push('q=' + encodeURIComponent(q));
    var base = '#/articles' + (parts.length ? '?' + parts.join('&') : '');
    var what = [site !== null ? SITES[+site] : null, month].filter(Boolean).join(', ');
    show(h('h1', null, 'Articles' + (what ? ': ' + what : '')),
      pager(found.length, page, base),
      table(['published', 'site', 'title'], slice(found, page).map(function (n) {
        return [dash(A.d[n]), SITES[A.s[n]], articleLink(n)];
      })),
      pager(found.length, page, base));
  }

  // ------------------------------------------------------------------ person
  function timeline(positions) {
    var days = [];
    positions.forEach(function (p) {
      [Q.f[p], Q.l[p], Q.fs[p]].forEach(function (s) { var d = day(s); if (d !== null) days.push(d); });
    });
    if (!days.length) return h('p', { 'class': 'note' }, 'No dated post.');
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    var span = Math.max(hi - lo, 30), pad = span * 0.04;
    lo -= pad; hi += pad;
    var at = function (d) { return (100 * (d - lo) / (hi - lo)).toFixed(2) + '%'; };
    var rows = positions.map(function (p) {
      var f = day(Q.f[p]), l = day(Q.l[p]), fs = day(Q.fs[p]);
      var track = h('div', { 'class': 'tl-track' });
      if (f !== null) {
        track.appendChild(h('div', { 'class': 'tl-bar', style: 'left:' + at(f) + ';width:calc(' + at(l) + ' - ' + at(f) + ')',
          title: Q.f[p] + ' – ' + Q.l[p] }));
      }
      if (fs !== null) {
        track.appendChild(h('div', { 'class': 'tl-bar former', style: 'left:' + at(fs) + ';width:6px', title: 'former (nguyên) since ' + Q.fs[p] }));
      }
      Q.a[p].forEach(function (n) {
        var d = day(A.d[n]);
        if (n >= 0 && d !== null) track.appendChild(h('a', { 'class': 'tl-dot', href: '#/article/' + n, style: 'left:' + at(d), title: A.d[n] + ': ' + A.t[n] }));
      });
      var org = Q.o[p];
      return h('div', { 'class': 'tl-row' },
        h('span', { 'class': 'tl-label' }, org >= 0 ? a('#/org/' + O.id[org], postTitle(p)) : postTitle(p),
          Q.m[p] ? h('span', { 'class': 'muted' }, ' (' + Q.m[p] + ')') : null),
        track);
    });
    var ticks = h('div', { 'class': 'tl-ticks' });
    var first = new Date(lo * 86400000).getUTCFullYear(), last = new Date(hi * 86400000).getUTCFullYear();
    for (var y = first + 1; y <= last; y++) {
      ticks.appendChild(h('span', { style: 'left:' + at(Date.UTC(y, 0, 1) / 86400000) }, String(y)));
    }
    return h('div', { 'class': 'timeline', role: 'list', 'aria-label': 'Timeline of posts' }, rows,
      h('div', { 'class': 'tl-axis' }, h('span', null, ''), ticks));
  }
  function personPage(id, page) {
    var i = personById.get(id);
    if (i === undefined) return notFound('person ' + id);
    var positions = P.ps[i].filter(function (p) { return p >= 0; });
    var articles = newestFirst(articlesOfPerson(i));
    var base = '#/person/' + id;
    var flags = D().fl[i], namesakes = D().ns[i];
    show(h('h1', null, P.n[i]),
      h('p', null, latestPost(i) ? h('b', null, latestPost(i)) : 'No post stated', P.v[i].length ? ' · ' + provincesOf(i) : '',
        ' · seen ' + dash(P.f[i]) + ' to ' + dash(P.l[i]) + ' in ' + P.na[i] + ' article(s)'),
      flags.length ? h('div', { 'class': 'flags' }, h('b', null, 'Uncertain, please review:'),
        h('ul', null, flags.map(function (f) { return h('li', null, f); }))) : null,
      namesakes.length ? h('p', { 'class': 'chips' }, 'Others of this name, kept apart: ',
        namesakes.map(function (n) {
          return h('span', null, personLink(n), ' (' + dash(latestPost(n)) + ')');
        })) : null,
      h('h2', null, 'Timeline of posts'),
      timeline(positions),
      h('h2', null, 'Positions'),
      table(['post', 'modifiers', 'first seen', 'last seen', 'former since', 'evidence'], positions.map(function (p) {
        return [Q.o[p] >= 0 ? a('#/org/' + O.id[Q.o[p]], postTitle(p)) : postTitle(p), dash(Q.m[p]), dash(Q.f[p]),
          dash(Q.l[p]), dash(Q.fs[p]), String(Q.a[p].length) + ' article(s)'];
      })),
      h('h2', null, 'Articles (' + articles.length + ')'),
      pager(articles.length, page, base),
      table(['published', 'site', 'title'], slice(articles, page).map(function (n) {
        return [dash(A.d[n]), SITES[A.s[n]], articleLink(n)];
      })),
      pager(articles.length, page, base));
  }

  // ------------------------------------------------------------------ organisation
  function orgPage(id, page) {
    var i = orgById.get(id);
    if (i === undefined) return notFound('body ' + id);
    var byRole = new Map();
    positionsOfOrg(i).forEach(function (p) {
      if (!byRole.has(role(p))) byRole.set(role(p), []);
      byRole.get(role(p)).push(p);
    });
    var parent = orgByName.get(O.pa[i]);
    var articles = newestFirst(articlesOfOrg(i));
    var base = '#/org/' + id;
    var facts = [
      ['kind', dash(O.k[i])], ['place', dash(O.pl[i])],
      ['parent', parent !== undefined ? orgLink(parent) : dash(O.pa[i])],
      ['successor (2025)', O.si[i] >= 0 ? orgLink(O.si[i]) : dash(O.su[i])],
      ['predecessors', O.pr[i].length ? O.pr[i].filter(function (p) { return p >= 0; }).map(function (p, k) { return [k ? ', ' : '', orgLink(p)]; }) : '–'],
      ['abbreviations', dash(O.ab[i])], ['also written', dash(O.ws[i])]];
    show(h('h1', null, O.n[i]),
      table(['', ''], facts),
      h('h2', null, 'People in each post'),
      byRole.size ? table(['post', 'holders (first – last seen)'], Array.from(byRole.keys()).sort().map(function (role) {
        var ps = byRole.get(role).slice().sort(function (x, y) { return Q.f[x] < Q.f[y] ? -1 : Q.f[x] > Q.f[y] ? 1 : 0; });
        return [role, ps.map(function (p, k) {
          return h('div', null, personLink(Q.pe[p]), ' (' + dash(Q.f[p] || Q.fs[p]) + ' – ' + dash(Q.l[p]) + ')',
            Q.m[p] ? h('span', { 'class': 'muted' }, ' ' + Q.m[p]) : null);
        })];
      })) : h('p', { 'class': 'note' }, 'No post of this body is stated.'),
      h('h2', null, 'Articles (' + articles.length + ')'),
      pager(articles.length, page, base),
      table(['published', 'site', 'title'], slice(articles, page).map(function (n) {
        return [dash(A.d[n]), SITES[A.s[n]], articleLink(n)];
      })),
      pager(articles.length, page, base));
  }

  // ------------------------------------------------------------------ article
  var chunks = new Map();
  function chunk(c) {
    if (chunks.has(c)) return chunks.get(c);
    var el = document.getElementById('tx' + c);
    if (!el) return null;
    var items = new Map();
    JSON.parse(el.textContent).forEach(function (item) { items.set(item[0], item); });
    chunks.set(c, items);
    return items;
  }
  var KIND = { p: 'person', o: 'org', l: 'place', d: 'date' };
  function highlighted(text, spans, n) {
    var out = [], at = 0;
    spans.forEach(function (s) {
      var start = s[0], end = s[1], kind = s[2], x = s[3];
      if (start < at || end > text.length) return;
      out.push(text.slice(at, start));
      var cls = 'ent ent-' + KIND[kind], piece = text.slice(start, end), el;
      if (kind === 'p' && A.p[n][x] >= 0) {
        el = h('a', { 'class': cls, href: '#/person/' + P.id[A.p[n][x]], title: 'person: ' + P.n[A.p[n][x]] }, piece);
      } else if (kind === 'o' && A.o[n][x] >= 0) {
        el = h('a', { 'class': cls, href: '#/org/' + O.id[A.o[n][x]], title: 'body: ' + O.n[A.o[n][x]] }, piece);
      } else {
        el = h('mark', { 'class': cls, title: KIND[kind] + (x !== '' && typeof x === 'string' ? ': ' + x : '') }, piece);
      }
      out.push(el);
      at = end;
    });
    out.push(text.slice(at));
    return out;
  }
  var waiting = null;
  function articlePage(n) {
    if (!(n >= 0 && n < A.t.length)) return notFound('article ' + n);
    var items = A.c[n] >= 0 ? chunk(A.c[n]) : null;
    var item = items ? items.get(n) : null;
    if (!item && document.readyState === 'loading') {
      waiting = n;
      show(h('p', { 'class': 'note' }, 'Loading the article text…'));
      return;
    }
    var people = [], orgs = [];
    A.p[n].forEach(function (p) { if (p >= 0 && people.indexOf(p) < 0) people.push(p); });
    A.o[n].forEach(function (o) { if (o >= 0 && orgs.indexOf(o) < 0) orgs.push(o); });
    var url = item ? item[5] : null;
    show(h('p', { 'class': 'muted' }, dash(A.d[n]), ' · ', SITES[A.s[n]], url ? [' · ', h('a', { href: url, rel: 'noreferrer noopener', target: '_blank' }, 'original')] : null),
      h('div', { 'class': 'article-title' }, item ? highlighted(A.t[n], item[1], n) : A.t[n]),
      item && item[2] ? h('div', { 'class': 'article-lead' }, highlighted(item[2][0], item[2][1], n)) : null,
      h('p', { 'class': 'legend-types' }, h('span', { 'class': 'ent ent-person' }, 'person'), h('span', { 'class': 'ent ent-org' }, 'body'),
        h('span', { 'class': 'ent ent-place' }, 'place'), h('span', { 'class': 'ent ent-date' }, 'date')),
      item ? h('div', { 'class': 'article-text' }, highlighted(item[3][0], item[3][1], n)) : h('p', { 'class': 'note' }, 'The text of this article is not in the report.'),
      item && item[4] ? h('p', { 'class': 'elided' }, '… paragraphs without people or bodies are left out of the report; the original has the full text.') : null,
      h('h2', null, 'People'), people.length ? h('p', { 'class': 'chips' }, people.map(function (p) { return h('span', null, personLink(p), latestPost(p) ? ' (' + latestPost(p) + ')' : ''); })) : h('p', { 'class': 'note' }, 'None.'),
      h('h2', null, 'Bodies'), orgs.length ? h('p', { 'class': 'chips' }, orgs.map(function (o) { return h('span', null, orgLink(o)); })) : h('p', { 'class': 'note' }, 'None.'));
  }

  // ------------------------------------------------------------------ routing
  function notFound(what) { show(h('h1', null, 'Not found'), h('p', null, 'No ' + what + ' in this report.')); }
  function route() {
    var raw = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
    var q = raw.indexOf('?');
    var path = q >= 0 ? raw.slice(0, q) : raw;
    var params = new URLSearchParams(q >= 0 ? location.hash.slice(location.hash.indexOf('?') + 1) : '');
    var page = Math.max(1, parseInt(params.get('page') || '1', 10) || 1);
    var parts = path.split('/').filter(Boolean);
    waiting = null;
    switch (parts[0]) {
      case undefined: view.hidden = true; overview.hidden = false; break;
      case 'search': search(params.get('q') || ''); break;
      case 'people': case 'orgs': listOf(parts[0], params.get('q') || '', page); break;
      case 'articles': listArticles(params, page); break;
      case 'person': personPage(parts[1], page); break;
      case 'org': orgPage(parts[1], page); break;
      case 'article': articlePage(parseInt(parts[1], 10)); break;
      default: notFound('page ' + path);
    }
    if (parts[0] !== undefined) window.scrollTo(0, 0);
  }
  document.getElementById('search').addEventListener('submit', function (e) {
    e.preventDefault();
    location.hash = '#/search?q=' + encodeURIComponent(document.getElementById('q').value);
  });
  window.addEventListener('hashchange', route);
  document.addEventListener('DOMContentLoaded', function () { if (waiting !== null) articlePage(waiting); });
  route();
  // Milliseconds from navigation to the script being ready and to the load event (benchmarks).
  document.documentElement.setAttribute('data-tintuc-ready', String(Math.round(performance.now())));
  window.addEventListener('load', function () {
    document.documentElement.setAttribute('data-tintuc-loaded', String(Math.round(performance.now())));
  });
})();
