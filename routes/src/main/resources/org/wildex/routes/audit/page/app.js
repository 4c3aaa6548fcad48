// The wildex auditor page: reads the trail, the verification and the evidence bundle from the hub's audit API
// (same origin, the auditor's TLS client certificate). Builds the DOM with textContent only: nothing from the trail is
// ever parsed as HTML.
'use strict';

(function () {
  const API = '/api/v1/audit/packages/';
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  // the event fields shown in an entry's details, in this order, with their names for people
  const FIELDS = [
    ['type', 'event'], ['at', 'time (hub clock, UTC)'], ['routeId', 'stage'], ['trackingId', 'tracking id'],
    ['packageId', 'package id'], ['originator', 'originator'], ['recipient', 'recipient'], ['deliveryId', 'delivery id'],
    ['level', 'level'], ['rule', 'routing rule'], ['policyVersion', 'policy version'], ['reason', 'reason code'],
    ['withheldCount', 'fields withheld'], ['attempt', 'attempt'], ['ciphertextSha256', 'ciphertext SHA-256'],
    ['contentSha256', 'signed package SHA-256'], ['manifestSha256', 'manifest SHA-256'],
    ['messageSha256', 'sent message SHA-256'], ['eventId', 'event id']
  ];
  const HASHES = new Set(['ciphertextSha256', 'contentSha256', 'manifestSha256', 'messageSha256', 'eventId']);

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null) return;
      if (k === 'class') e.className = v;
      else if (k === 'data') Object.entries(v).forEach(([dk, dv]) => { e.dataset[dk] = dv; });
      else e.setAttribute(k, v);
    });
    children.flat().forEach((c) => {
      if (c === undefined || c === null) return;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    });
    return e;
  }

  function setStatus(text, kind) {
    const s = $('status');
    s.textContent = text || '';
    s.dataset.kind = kind || 'info';
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    return { status: response.status, body };
  }

  function refusal(answer, id) {
    const reason = answer.body && answer.body.reason ? ' (' + answer.body.reason + ')' : '';
    switch (answer.status) {
      case 404: return 'The trail holds nothing for ' + id + reason + '. Check the id: a package id, or the tracking id of the 202 answer or receipt.';
      case 403: return 'Only auditor certificates may read the trail' + reason + '. Use the browser profile that holds your auditor certificate.';
      case 503: return 'The audit store is unreachable right now' + reason + '; the hub keeps the events and writes them when it is back. Try again shortly.';
      default: return 'The hub answered HTTP ' + answer.status + reason + '.';
    }
  }

  function time(at) {
    // milliseconds are enough to read; the entry's details keep the full time
    return at ? at.replace('T', ' ').replace(/(\.\d{3})\d*/, '$1').replace('Z', ' UTC') : '';
  }

  function summaryText(e) {
    const parts = [];
    if (e.recipient) parts.push('to ' + e.recipient);
    if (e.level) parts.push(e.level);
    if (e.reason) parts.push(e.reason);
    if (e.attempt) parts.push('attempt ' + e.attempt);
    if (e.type === 'RECEIVED' && e.originator) parts.push('from ' + e.originator);
    if (e.type === 'SUPERSEDED' || e.type === 'RELEASED' || (e.type === 'ACCEPTED' && e.rule)) parts.push(e.rule);
    if (e.type === 'RELEASE_REQUESTED') parts.push(e.withheldCount + ' path(s)');
    return parts.join(' · ');
  }

  function details(entry) {
    const dl = el('dl', { class: 'facts event-details', hidden: '' });
    FIELDS.forEach(([key, label]) => {
      const v = entry.event[key];
      if (v === undefined || v === null || v === '') return;
      dl.append(el('dt', {}, label), el('dd', { class: HASHES.has(key) ? 'hash' : null, data: { field: key } }, String(v)));
    });
    dl.append(el('dt', {}, 'sequence number'), el('dd', { data: { field: 'seq' } }, String(entry.seq)));
    dl.append(el('dt', {}, 'previous entry hash'), el('dd', { class: 'hash', data: { field: 'prevHash' } }, entry.prevHash));
    dl.append(el('dt', {}, 'entry hash'), el('dd', { class: 'hash', data: { field: 'entryHash' } }, entry.entryHash));
    return dl;
  }

  function renderTimeline(entries) {
    const list = $('timeline');
    list.replaceChildren();
    entries.forEach((entry) => {
      const e = entry.event;
      const dl = details(entry);
      const button = el('button', { type: 'button', class: 'event-summary', 'aria-expanded': 'false' },
        el('span', { class: 'event-time' }, time(e.at)),
        el('span', { class: 'event-type' }, e.type),
        el('span', { class: 'event-what' }, summaryText(e)));
      button.addEventListener('click', () => {
        const open = button.getAttribute('aria-expanded') === 'true';
        button.setAttribute('aria-expanded', String(!open));
        dl.hidden = open;
      });
      list.append(el('li', { class: 'event', data: { type: e.type, seq: String(entry.seq) } }, button, dl));
    });
  }

  function renderRecipients(entries) {
    const acknowledged = new Map();
    // a DELIVERED with a rule is the acknowledgement of a recall notice, not of the delivery
    entries.filter((x) => x.event.type === 'DELIVERED' && !x.event.rule).forEach((x) => {
      acknowledged.set(x.event.deliveryId || x.event.recipient, x.event.at);
    });
    const recalled = new Map();
    entries.filter((x) => x.event.type === 'RECALLED').forEach((x) => {
      recalled.set(x.event.deliveryId, x.event.rule + (x.event.reason ? ' (' + x.event.reason + ')' : ''));
    });
    // release requests by the delivery they were made for: requested, then released or declined
    const releases = new Map();
    entries.forEach((x) => {
      const e = x.event;
      if (e.type === 'RELEASE_REQUESTED') releases.set(e.deliveryId, 'requested ' + time(e.at));
      else if (e.type === 'RELEASE_DECLINED') releases.set(e.deliveryId, 'declined ' + time(e.at));
      else if (e.type === 'RELEASED') {
        const taken = entries.find((y) => y.event.type === 'DELIVERED' && y.event.deliveryId === e.deliveryId);
        releases.set(e.rule.replace(/^release:/, ''), 'released ' + time(e.at) + (taken ? ', taken' : ''));
      }
    });
    const body = $('recipients').querySelector('tbody');
    body.replaceChildren();
    const routed = entries.filter((x) => x.event.type === 'ROUTED');
    routed.forEach((x) => {
      const e = x.event;
      const ack = acknowledged.get(e.deliveryId) || acknowledged.get(e.recipient);
      body.append(el('tr', { data: { recipient: e.recipient || '' } },
        el('td', { class: 'recipient' }, e.recipient || ''),
        el('td', { class: 'level' }, e.level || ''),
        el('td', {}, e.rule || ''),
        el('td', {}, e.withheldCount === undefined || e.withheldCount === null ? '' : String(e.withheldCount)),
        el('td', {}, time(e.at)),
        el('td', { class: 'acknowledged' }, ack ? time(ack) : 'not yet'),
        el('td', { class: 'recall' }, recalled.get(e.deliveryId) || ''),
        el('td', { class: 'release' }, releases.get(e.deliveryId) || '')));
    });
    $('no-recipients').hidden = routed.length > 0;
  }

  function renderSummary(id, entries) {
    const first = (type) => entries.find((x) => x.event.type === type);
    const any = entries.find((x) => x.event.originator) || entries[0];
    const accepted = first('ACCEPTED');
    const rejected = first('REJECTED');
    // an update's withdrawals from recipients it no longer reaches are no recall of the package
    const recall = entries.find((x) => x.event.type === 'RECALLED' && x.event.reason !== 'RECALL_SUPERSEDED');
    const superseded = first('SUPERSEDED');
    // ACCEPTED of an update: rule "version:N supersedes:<id>"
    const update = accepted && accepted.event.rule ? /^version:(\d+) supersedes:(\S+)$/.exec(accepted.event.rule) : null;
    const requests = entries.filter((x) => x.event.type === 'RELEASE_REQUESTED').length;
    const link = (other) => (other ? el('a', { href: '#' + other }, other) : null);
    const facts = [
      ['originator', any.event.originator],
      ['tracking id', (entries.find((x) => x.event.trackingId) || {}).event?.trackingId],
      ['package id', (entries.find((x) => x.event.packageId) || {}).event?.packageId],
      ['outcome', accepted ? 'ACCEPTED' + (recall ? ', then RECALLED ' + (recall.event.reason || '') : '')
        : rejected ? 'REJECTED ' + (rejected.event.reason || '') : 'in progress'],
      ['version', update ? update[1] : null],
      ['supersedes', link(update ? update[2] : null)],
      ['superseded by', link(superseded ? superseded.event.rule.replace(/^superseded-by:/, '') : null)],
      ['releases', requests ? entries.filter((x) => x.event.type === 'RELEASED').length + ' of ' + requests + ' requested'
        : null],
      ['policy version', (accepted || rejected || {}).event?.policyVersion],
      ['entries', String(entries.length) + ' (seq ' + entries[0].seq + ' to ' + entries[entries.length - 1].seq + ')']
    ];
    const dl = $('summary');
    dl.replaceChildren();
    facts.forEach(([k, v]) => {
      if (v) dl.append(el('dt', {}, k), el('dd', { data: { fact: k.replace(/ /g, '-') } }, v));
    });
    $('result-id').textContent = id;
  }

  async function verify(id) {
    const out = $('verification-result');
    const problems = $('verification-problems');
    out.dataset.state = 'pending';
    out.textContent = 'Checking the entries against the hub\u2019s signed checkpoints\u2026';
    problems.replaceChildren();
    let answer;
    try {
      answer = await getJson(API + encodeURIComponent(id) + '/verification');
    } catch (e) {
      out.dataset.state = 'error';
      out.textContent = 'Could not reach the hub to verify.';
      return;
    }
    if (answer.status !== 200 || !answer.body) {
      out.dataset.state = 'error';
      out.textContent = refusal(answer, id);
      return;
    }
    const v = answer.body;
    if (v.ok) {
      out.dataset.state = 'ok';
      out.textContent = 'Verified: all ' + v.entries + ' entries chain to ' + v.checkpoints
        + ' checkpoint(s) signed by the hub (' + (v.hubSubject || 'hub') + '), whose CA has SHA-256 ' + v.caSha256 + '.';
    } else {
      out.dataset.state = 'failed';
      out.textContent = 'NOT verified: ' + (v.problems || []).length + ' problem(s). Entries not yet under a signed checkpoint'
        + ' verify a few seconds later; anything else means the trail does not match what the hub signed.';
      (v.problems || []).forEach((p) => problems.append(el('li', {}, p)));
    }
  }

  async function show(raw) {
    const id = (raw || '').trim().toLowerCase();
    if (!UUID.test(id)) {
      setStatus('A package or tracking id looks like 3f2a1c9e-0b6d-4c1e-9a57-2f0c6e1d8b4a.', 'error');
      return;
    }
    $('result').hidden = true;
    setStatus('Reading the trail of ' + id + '\u2026');
    let answer;
    try {
      answer = await getJson(API + encodeURIComponent(id));
    } catch (e) {
      setStatus('Could not reach the hub.', 'error');
      return;
    }
    if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.entries) || answer.body.entries.length === 0) {
      setStatus(refusal(answer, id), 'error');
      return;
    }
    const entries = answer.body.entries.slice().sort((a, b) => a.seq - b.seq);
    renderSummary(id, entries);
    renderRecipients(entries);
    renderTimeline(entries);
    $('bundle-link').href = API + encodeURIComponent(id) + '/bundle';
    $('bundle-link').setAttribute('download', 'wildex-audit-' + id + '.zip');
    $('result').hidden = false;
    setStatus(entries.length + ' events for ' + id + '.');
    if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
    await verify(id);
  }

  // ---- search and oversight: questions about the exchange, not one package ----
  const SEARCH = '/api/v1/audit/events';
  const OVERSIGHT = '/api/v1/audit/oversight';

  function setStatusOf(id, text, kind) {
    const s = $(id);
    s.textContent = text || '';
    s.dataset.kind = kind || 'info';
  }

  /** The form's filled fields as query parameters (URL-encoded by URLSearchParams: AMBER+STRICT keeps its +). */
  function parameters(form) {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, name) => {
      const v = String(value).trim();
      if (v && !(name === 'order' && v === 'desc')) params.append(name, v);
    });
    return params;
  }

  function queryRefusal(answer) {
    const b = answer.body || {};
    switch (answer.status) {
      case 400: return 'The hub refused the query (' + (b.reason || 'QUERY_INVALID') + '): ' + (b.description || '') + '.';
      case 403: return 'Only auditor certificates may search the trail' + (b.reason ? ' (' + b.reason + ')' : '') + '.';
      case 503: return 'The hub cannot record or answer the query right now' + (b.reason ? ' (' + b.reason + ')' : '')
        + '; try again shortly.';
      default: return 'The hub answered HTTP ' + answer.status + (b.reason ? ' (' + b.reason + ')' : '') + '.';
    }
  }

  /** One entry as a table row; its package id opens the package's trail above. */
  function entryRow(entry) {
    const e = entry.event;
    const id = e.packageId || e.trackingId;
    return el('tr', { data: { seq: String(entry.seq), type: e.type } },
      el('td', {}, String(entry.seq)),
      el('td', {}, time(e.at)),
      el('td', { class: 'event-type' }, e.type),
      el('td', {}, e.originator || ''),
      el('td', {}, e.recipient || ''),
      el('td', { class: 'level' }, e.level || ''),
      el('td', {}, e.reason || ''),
      el('td', { class: 'hash' }, id ? el('a', { href: '#' + id, class: 'package-link' }, id) : ''));
  }

  let searchParams = null;

  async function search(params, append) {
    setStatusOf('search-status', 'Searching\u2026');
    let answer;
    try {
      answer = await getJson(SEARCH + (params.toString() ? '?' + params.toString() : ''));
    } catch (e) {
      setStatusOf('search-status', 'Could not reach the hub.', 'error');
      return;
    }
    if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.entries)) {
      setStatusOf('search-status', queryRefusal(answer), 'error');
      return;
    }
    const body = $('search-results').querySelector('tbody');
    if (!append) body.replaceChildren();
    answer.body.entries.forEach((entry) => body.append(entryRow(entry)));
    $('search-results').hidden = false;
    const more = $('search-more');
    more.hidden = answer.body.next === null || answer.body.next === undefined;
    more.dataset.cursor = more.hidden ? '' : String(answer.body.next);
    const shown = body.children.length;
    setStatusOf('search-status', shown + (shown === 1 ? ' entry' : ' entries') + (more.hidden ? '' : ', more on the next page')
      + ' (' + (answer.body.query || 'no filter') + ').');
  }

  /** "AMBER 3, RED 1" from {"AMBER": 3, "RED": 1}; "none" when empty. */
  function counts(map) {
    const parts = Object.entries(map || {}).map(([k, v]) => k + ' ' + v);
    return parts.length ? parts.join(', ') : 'none';
  }

  function facts(dl, rows) {
    dl.replaceChildren();
    rows.forEach(([label, key, value]) => {
      dl.append(el('dt', {}, label), el('dd', { data: { count: key } }, typeof value === 'object' ? counts(value) : String(value)));
    });
  }

  async function oversight(params) {
    setStatusOf('oversight-status', 'Counting\u2026');
    $('oversight-result').hidden = true;
    let answer;
    try {
      answer = await getJson(OVERSIGHT + '?' + params.toString());
    } catch (e) {
      setStatusOf('oversight-status', 'Could not reach the hub.', 'error');
      return;
    }
    if (answer.status !== 200 || !answer.body || !answer.body.sent) {
      setStatusOf('oversight-status', queryRefusal(answer), 'error');
      return;
    }
    const o = answer.body;
    facts($('oversight-sent'), [
      ['submissions', 'submissions', o.sent.submissions], ['accepted', 'accepted', o.sent.accepted],
      ['rejected, by reason', 'rejected', o.sent.rejected], ['deliveries made, by level', 'deliveries', o.sent.deliveries],
      ['updates', 'updates', o.sent.updates], ['deliveries recalled', 'recalled', o.sent.recalled],
      ['release requests answered', 'releasesDecided', o.sent.releasesDecided], ['dead-lettered', 'deadLettered', o.sent.deadLettered],
      ['audit queries made', 'queries', o.queries]
    ]);
    facts($('oversight-received'), [
      ['deliveries, by level', 'deliveries', o.received.deliveries], ['acknowledged', 'acknowledged', o.received.acknowledged],
      ['recalled, by reason', 'recalled', o.received.recalled], ['releases requested', 'releasesRequested', o.received.releasesRequested],
      ['released, by level', 'released', o.received.released], ['releases declined', 'releasesDeclined', o.received.releasesDeclined],
      ['left out (certificate revoked)', 'notRouted', o.received.notRouted]
    ]);
    const recent = $('oversight-recent').querySelector('tbody');
    recent.replaceChildren();
    (o.recent || []).forEach((entry) => recent.append(entryRow(entry)));
    $('oversight-result').hidden = false;
    setStatusOf('oversight-status', o.participant + (o.from ? ' from ' + time(o.from) : ' since the trail began')
      + (o.to ? ' to ' + time(o.to) : ' until now') + '.');
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search').addEventListener('submit', (event) => {
      event.preventDefault();
      show($('package-id').value);
    });
    const fromHash = () => {
      const id = decodeURIComponent(location.hash.slice(1));
      if (UUID.test(id) && id !== $('result-id').textContent) {
        $('package-id').value = id;
        show(id);
      }
    };
    // a version link (supersedes, superseded by) or the address bar opens another package's trail
    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      searchParams = parameters(event.target);
      search(searchParams, false);
    });
    $('search-more').addEventListener('click', () => {
      const params = new URLSearchParams(searchParams);
      params.set('cursor', $('search-more').dataset.cursor);
      search(params, true);
    });
    $('oversight-form').addEventListener('submit', (event) => {
      event.preventDefault();
      oversight(parameters(event.target));
    });
    window.addEventListener('hashchange', () => {
      fromHash();
      $('search').scrollIntoView();
    });
    fromHash();
  });
})();
