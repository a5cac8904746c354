// The supervisors' wallboard: one EventSource on /api/wallboard/stream; a "snapshot" replaces the board, a
// "delta" replaces the rows that changed. Every value goes in with textContent (never innerHTML).
// The board fits the screen and never scrolls: queue tiles (all queues first) in up to two rows, agents as cards in
// as many columns and rows as fit, waiting callers beside them; what does not fit is shown in pages that rotate.
// Options, in the query string or after #: token, zone, queues=a,b (only these queues, their agents and callers),
// view=agents|queues (one part only), rotate=SECONDS (page time, default 15).
(() => {
  'use strict';
  const TOKEN_KEY = 'aftercare.wallboard.token';
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  new URLSearchParams(location.hash.slice(1)).forEach((v, k) => params.set(k, v));
  let token = params.get('token') || sessionStorage.getItem(TOKEN_KEY);
  const zone = params.get('zone');
  const only = params.get('queues') ? new Set(params.get('queues').split(',').map((q) => q.trim()).filter(Boolean)) : null;
  const view = ['agents', 'queues'].includes(params.get('view')) ? params.get('view') : 'all';
  const rotateSeconds = Math.max(5, Number(params.get('rotate')) || 15);
  const MAX_TILES = 8; // two rows of four: narrower tiles would cut their labels
  const queues = new Map();
  const agents = new Map();
  let floor = null;
  let skewMillis = 0; // server time minus local time, from the last message
  let events = null;
  let page = 0; // advanced every rotateSeconds; each part shows page modulo its own page count
  document.body.dataset.view = view;

  const pct = (r) => (r === null || r === undefined ? '-' : Math.round(r * 100) + '%');
  const num = (n) => (n === null || n === undefined ? '-' : String(n));
  const secs = (s) => (s === null || s === undefined ? '-' : duration(Math.round(s)));
  function duration(s) {
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ':' + String(s % 60).padStart(2, '0');
    return Math.floor(m / 60) + 'h' + String(m % 60).padStart(2, '0');
  }
  const now = () => Date.now() + skewMillis;
  const since = (iso) => (iso ? Math.max(0, Math.round((now() - Date.parse(iso)) / 1000)) : null);
  const shown = (name) => !only || only.has(name);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function setFig(tile, name, text, level, label) {
    const fig = tile.querySelector('[data-fig="' + name + '"]');
    fig.querySelector('.v').textContent = text;
    fig.dataset.level = level || 'ok';
    if (label !== undefined) fig.querySelector('.l').firstChild.textContent = label;
  }

  function tileFor(key, isFloor) {
    let tile = document.querySelector('.queue[data-queue="' + CSS.escape(key) + '"]');
    if (!tile) {
      tile = $('queue-tile').content.firstElementChild.cloneNode(true);
      tile.dataset.queue = key;
      tile.classList.toggle('floor', isFloor);
    }
    return tile;
  }

  // One tile: a queue, or the floor (all queues; no thresholds, so no colours).
  function fillTile(tile, name, q, isFloor) {
    const t = q.today || {};
    const c = t.calls || {};
    const r = q.recent || {};
    const a = q.alerts || {};
    tile.querySelector('.name').textContent = name;
    setFig(tile, 'waiting', num(q.waiting), a.waiting);
    setFig(tile, 'longestWait', q.waiting ? duration(q.longestWaitSeconds) : '-', a.longestWait);
    setFig(tile, 'serviceLevel', pct(c.serviceLevelOffered), a.serviceLevel);
    setFig(tile, 'abandonRate', pct(c.abandonRate), a.abandonRate);
    setFig(tile, 'offered', num(c.offered));
    setFig(tile, 'answered', num(c.answered));
    setFig(tile, 'abandoned', num(c.abandoned));
    setFig(tile, 'timedOut', num(c.timedOut));
    setFig(tile, 'asa', secs(c.asaSeconds), a.asa);
    setFig(tile, 'aht', secs(c.ahtSeconds), a.aht);
    tile.querySelector('.parts').textContent = c.ahtSeconds == null ? '' : 'talk ' + secs(c.talkSeconds) + ' · hold '
      + secs(c.holdSeconds) + ' · wrap ' + secs(c.wrapupSeconds);
    setFig(tile, 'agents', q.agents.ready + '/' + q.agents.loggedIn);
    const f = q.followUps; // the follow-up backlog (voicemails, abandoned callers), shown where there is one
    tile.querySelector('[data-fig="followUps"]').hidden = isFloor || !f || !f.open;
    if (f && f.open) setFig(tile, 'followUps', num(f.open), null, 'call back · ' + duration(f.oldestAgeSeconds));
    const fcr = r.fcr;
    setFig(tile, 'fcr', pct(fcr ? fcr.rate : null));
    const today = t.fcr || {};
    setFig(tile, 'fcrToday', num(today.pending));
    const s = r.survey;
    const n = s ? s.answers : 0;
    setFig(tile, 'csat', pct(s ? s.csat : null), null, 'CSAT 7d' + (n ? ' · n ' + n : ''));
    setFig(tile, 'nps', s && s.nps != null ? (s.nps > 0 ? '+' : '') + Math.round(s.nps) : '-');
    const notes = [];
    if (c.shortAbandoned) notes.push(c.shortAbandoned + ' short abandon' + (c.shortAbandoned > 1 ? 's' : ''));
    if (today.repeated) notes.push(today.repeated + ' repeat' + (today.repeated > 1 ? 's' : '') + ' today');
    const reasons = Object.entries(q.agents.pausedByReason || {}).map(([why, k]) => (why || 'no reason') + ' ' + k);
    if (reasons.length && !isFloor) notes.push('paused: ' + reasons.join(', ')); // the floor's are on the agent cards
    tile.querySelector('.pauses').textContent = notes.join(' · ');
    drawTrend(tile.querySelector('.trend'), t.trend);
  }

  // Offered per interval as bars, answered as a line, scaled to the busiest interval.
  function drawTrend(svg, trend) {
    svg.replaceChildren();
    if (!trend || !trend.offered.length) return;
    const NS = 'http://www.w3.org/2000/svg';
    const n = trend.offered.length;
    const max = Math.max(1, ...trend.offered);
    const w = 96 / Math.max(n, 16);
    const points = [];
    trend.offered.forEach((o, i) => {
      const bar = document.createElementNS(NS, 'rect');
      bar.setAttribute('x', String(i * w));
      bar.setAttribute('width', String(Math.max(w - 0.6, 0.4)));
      bar.setAttribute('y', String(24 - (24 * o) / max));
      bar.setAttribute('height', String((24 * o) / max));
      svg.appendChild(bar);
      points.push((i * w + w / 2).toFixed(1) + ',' + (24 - (24 * trend.answered[i]) / max).toFixed(1));
    });
    const line = document.createElementNS(NS, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.appendChild(line);
  }

  function renderQueues() {
    const names = [...queues.keys()].filter(shown).sort();
    const perPage = MAX_TILES - 1; // the floor tile is on every page
    const pages = Math.max(1, Math.ceil(names.length / perPage));
    const current = names.slice((page % pages) * perPage, (page % pages + 1) * perPage);
    const tiles = [];
    if (floor) {
      const tile = tileFor('', true);
      fillTile(tile, only ? 'All queues (whole floor)' : 'All queues', floor, true);
      tiles.push(tile);
    }
    current.forEach((name) => {
      const tile = tileFor(name, false);
      fillTile(tile, name, queues.get(name), false);
      tiles.push(tile);
    });
    $('queues').style.setProperty('--cols', String(Math.max(1, Math.min(4, Math.ceil(tiles.length / 2)))));
    $('queues').replaceChildren(...tiles);
    return pages;
  }

  function agentCard(a) {
    const card = el('div', 'agent');
    card.dataset.agent = a.pbxId + '/' + a.agent;
    card.dataset.state = a.state;
    card.dataset.level = a.pauseLevel || 'ok';
    card.appendChild(el('span', 'an', a.name || a.agent));
    const at = el('span', 'at');
    at.dataset.since = a.since || '';
    card.appendChild(at);
    let state = a.state.replaceAll('_', ' ');
    if (a.state === 'paused') state = (a.reason || 'paused') + (a.pauseLimitSeconds ? ' · max ' + duration(a.pauseLimitSeconds) : '');
    if (a.call && a.call.queue) state += ' · ' + a.call.queue;
    card.appendChild(el('span', 'as', state));
    let about = a.queues.join(', ');
    if (a.call) { // who they are talking to (or wrapping up for)
      about = [a.call.caller || 'caller', a.call.tier && a.call.tier !== 'standard' ? a.call.tier : null]
        .filter(Boolean).join(' · ');
    }
    card.appendChild(el('span', 'ac', about));
    return card;
  }

  // How many cards of the CSS size fit the agents area (columns from the width, rows from the height).
  function agentCapacity() {
    const box = $('agents');
    const u = Math.min(window.innerHeight / 100, window.innerWidth * 0.5625 / 100);
    const gap = 0.6 * u;
    const cols = Math.max(1, Math.floor((box.clientWidth + gap) / (20 * u + gap)));
    const rows = Math.max(1, Math.floor((box.clientHeight + gap) / (8.4 * u + gap)));
    box.style.setProperty('--acols', String(cols));
    return cols * rows;
  }

  function renderAgents() {
    if (view === 'queues') return 1;
    const rows = [...agents.values()].filter((a) => a.state !== 'logged_out' && (!only || a.queues.some(shown)))
      .sort((a, b) => (a.name || a.agent).localeCompare(b.name || b.agent));
    const fit = agentCapacity();
    const pages = Math.max(1, Math.ceil(rows.length / fit));
    $('agents').replaceChildren(...rows.slice((page % pages) * fit, (page % pages + 1) * fit).map(agentCard));
    return pages;
  }

  function renderCallers() {
    const list = [];
    queues.forEach((q, name) => {
      if (!shown(name)) return;
      (q.callers || []).forEach((c) => list.push({ c, q }));
    });
    list.sort((x, y) => Date.parse(x.c.queuedAt) - Date.parse(y.c.queuedAt));
    const total = [...queues.entries()].filter(([name]) => shown(name)).reduce((sum, [, q]) => sum + q.waiting, 0);
    $('callers-count').textContent = '(' + total + ')';
    const box = $('callers');
    const u = Math.min(window.innerHeight / 100, window.innerWidth * 0.5625 / 100);
    const fit = Math.max(1, Math.floor(box.clientHeight / (5 * u)));
    box.replaceChildren(...list.slice(0, fit).map(({ c, q }) => {
      const li = el('li', 'caller');
      li.dataset.tier = c.tier || '';
      li.dataset.queuedAt = c.queuedAt;
      li.dataset.amber = String(q.thresholds ? q.thresholds.longestWaitAmberSeconds : 30);
      li.dataset.red = String(q.thresholds ? q.thresholds.longestWaitRedSeconds : 60);
      li.appendChild(el('span', 'cw'));
      li.appendChild(el('span', 'cn', (c.caller || 'caller') + (c.tier && c.tier !== 'standard' ? ' · ' + c.tier : '')));
      li.appendChild(el('span', 'cq', q.queue + ' · #' + c.position));
      return li;
    }));
    $('callers-more').textContent = total > Math.min(fit, list.length) ? '+' + (total - Math.min(fit, list.length)) + ' more' : '';
  }

  function render() {
    const queuePages = view === 'agents' ? 1 : renderQueues();
    const agentPages = renderAgents();
    renderCallers();
    const pages = Math.max(queuePages, agentPages);
    $('page').textContent = pages > 1 ? 'page ' + (page % pages + 1) + '/' + pages : '';
    document.body.dataset.pages = String(pages);
    tick();
  }

  function tick() {
    $('clock').textContent = new Date(now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    document.querySelectorAll('.agent .at').forEach((e) => {
      const s = since(e.dataset.since);
      e.textContent = s === null ? '-' : duration(s);
    });
    document.querySelectorAll('.caller').forEach((li) => {
      const s = since(li.dataset.queuedAt);
      li.querySelector('.cw').textContent = duration(s);
      li.dataset.level = s >= Number(li.dataset.red) ? 'red' : s >= Number(li.dataset.amber) ? 'amber' : 'ok';
    });
  }

  function bump() {
    document.body.dataset.version = String(Number(document.body.dataset.version || 0) + 1);
  }

  function onSnapshot(s) {
    skewMillis = Date.parse(s.at) - Date.now();
    queues.clear(); agents.clear();
    floor = s.floor;
    s.queues.forEach((q) => queues.set(q.queue, q));
    s.agents.forEach((a) => agents.set(a.pbxId + '/' + a.agent, a));
    render();
    bump();
  }

  function onDelta(d) {
    skewMillis = Date.parse(d.at) - Date.now();
    if (d.floor) floor = d.floor;
    d.removedQueues.forEach((name) => queues.delete(name));
    d.queues.forEach((q) => queues.set(q.queue, q));
    d.removedAgents.forEach((k) => agents.delete(k));
    d.agents.forEach((a) => agents.set(a.pbxId + '/' + a.agent, a));
    render();
    bump();
  }

  function connect() {
    $('sign-in').hidden = true;
    $('board').hidden = false;
    let url = '/api/wallboard/stream?access_token=' + encodeURIComponent(token);
    if (zone) url += '&zone=' + encodeURIComponent(zone);
    events = new EventSource(url);
    events.addEventListener('open', () => { $('link').dataset.up = 'true'; $('link').textContent = 'live'; });
    events.addEventListener('snapshot', (e) => onSnapshot(JSON.parse(e.data)));
    events.addEventListener('delta', (e) => onDelta(JSON.parse(e.data)));
    events.addEventListener('error', () => {
      $('link').dataset.up = 'false';
      $('link').textContent = 'reconnecting';
      if (events.readyState === EventSource.CLOSED) { // e.g. 401: the token expired
        sessionStorage.removeItem(TOKEN_KEY);
        token = null;
        showSignIn('Please sign in again.');
      }
    });
  }

  function showSignIn(message) {
    $('board').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = message || '';
  }

  $('sign-in').addEventListener('submit', async (e) => {
    e.preventDefault();
    const response = await fetch('/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }),
    });
    if (!response.ok) { showSignIn('Sign-in failed.'); return; }
    token = (await response.json()).token;
    sessionStorage.setItem(TOKEN_KEY, token);
    connect();
  });

  setInterval(tick, 1000);
  setInterval(() => { page++; if (queues.size || agents.size) render(); }, rotateSeconds * 1000);
  window.addEventListener('resize', () => render());
  if (token) connect(); else showSignIn('');
})();
