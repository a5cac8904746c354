// The supervisors' wallboard: one EventSource on /api/wallboard/stream; a "snapshot" replaces the board, a
// "delta" replaces the rows that changed. Every value goes in with textContent (never innerHTML).
// The board fits the screen and never scrolls: queue tiles (all queues first) in up to two rows, agents as cards in
// as many columns and rows as fit, waiting callers beside them; what does not fit is shown in pages that rotate.
// Options, in the query string or after #: token, zone, queues=a,b (only these queues, their agents and callers),
// view=agents|queues (one part only), rotate=SECONDS (page time, default 15).
// A supervisor or admin (GET /api/auth/me) may click an agent's card for actions on them (listen, whisper, barge,
// pause, unpause, log out, queues), each answered in a toast; a display token or an agent gets no actions.
(() => {
  'use strict';
  const TOKEN_KEY = 'aftercare.wallboard.token';
  const PHONE_KEY = 'aftercare.wallboard.phone'; // the phone ChanSpy rings for a supervisor with no agent of their own
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
  let viewer = null; // GET /api/auth/me: role and agentId of who watches
  let menuKey = null; // the agent whose actions menu is open
  let anchor = null; // where that agent's card is (the menu stays beside it)
  const cardSigs = new WeakMap(); // agent card -> the row it shows
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

  function stateText(a) {
    let state = a.state.replaceAll('_', ' ');
    if (a.state === 'paused') state = (a.reason || 'paused') + (a.pauseLimitSeconds ? ' · max ' + duration(a.pauseLimitSeconds) : '');
    if (a.call && a.call.queue) state += ' · ' + a.call.queue;
    return state;
  }

  function agentCard(a) {
    const card = el('div', 'agent');
    card.dataset.agent = a.pbxId + '/' + a.agent;
    card.dataset.state = a.state;
    card.dataset.level = a.pauseLevel || 'ok';
    if (actionsOn()) { // the whole card opens the actions menu: nothing is added that could crowd it
      card.tabIndex = 0;
      card.setAttribute('role', 'button');
      card.setAttribute('aria-haspopup', 'dialog');
      card.classList.toggle('chosen', card.dataset.agent === menuKey);
    }
    card.appendChild(el('span', 'an', a.name || a.agent));
    const at = el('span', 'at');
    at.dataset.since = a.since || '';
    card.appendChild(at);
    card.appendChild(el('span', 'as', stateText(a)));
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
    const focused = document.activeElement && document.activeElement.closest('.agent'); // replacing blurs
    // A card whose agent did not change stays the same element, so a click or hover on it is not lost to a delta.
    const before = new Map([...$('agents').children].map((c) => [c.dataset.agent, c]));
    $('agents').replaceChildren(...rows.slice((page % pages) * fit, (page % pages + 1) * fit).map((a) => {
      const key = a.pbxId + '/' + a.agent;
      const sig = JSON.stringify(a) + (key === menuKey) + actionsOn();
      const old = before.get(key);
      if (old && cardSigs.get(old) === sig) return old;
      const card = agentCard(a);
      cardSigs.set(card, sig);
      return card;
    }));
    if (focused) {
      const again = document.querySelector('.agent[data-agent="' + CSS.escape(focused.dataset.agent) + '"]');
      if (again) again.focus({ preventScroll: true });
    }
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
    if (menuKey) fillMenu();
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
    whoWatches();
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
    closeMenu();
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
    viewer = null;
    sessionStorage.setItem(TOKEN_KEY, token);
    connect();
  });

  // ---- Actions on an agent, for supervisors and admins ----

  const actionsOn = () => document.body.dataset.actions === 'true';
  const SPY_WORDS = { listen: 'Listening to', whisper: 'Whispering to', barge: 'Barging in on' };

  // A call to the API with the viewer's token; an answer other than 2xx throws its problem's detail.
  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ Authorization: 'Bearer ' + token },
        body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    if (!response.ok) {
      throw new Error((json && (json.detail || json.title)) || response.status + ' ' + response.statusText);
    }
    return json;
  }

  let toastTimer = null;
  function toast(text, ok) {
    const t = $('toast');
    t.textContent = text;
    t.dataset.kind = ok ? 'ok' : 'error';
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, ok ? 6000 : 10000);
  }

  // Runs one action: its buttons wait meanwhile, and the toast says what happened or what the API refused.
  async function act(work) {
    const buttons = [...$('actions').querySelectorAll('button')];
    buttons.forEach((b) => { b.disabled = true; });
    try {
      toast(await work(), true);
    } catch (e) {
      toast(e.message, false);
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      if (menuKey) fillMenu();
    }
  }

  async function whoWatches() {
    if (viewer) return;
    try {
      viewer = await api('GET', '/api/auth/me');
    } catch (e) {
      viewer = null; // the stream says when the token is refused
    }
    const staff = Boolean(viewer && ['supervisor', 'admin'].includes(viewer.role));
    const before = document.body.dataset.actions;
    document.body.dataset.actions = String(staff); // "false" too: the tests wait for the page to know
    if (!staff) { closeMenu(); return; }
    if (before === 'true') return;
    api('GET', '/api/wallboard/pause-reasons').then((r) => {
      $('actions-reason').replaceChildren(...r.reasons.map((x) => {
        const o = el('option', null, x.reason + ' · ' + Math.round(x.limitSeconds / 60) + ' min');
        o.value = x.reason;
        return o;
      }));
    }).catch((e) => toast('Pause reasons: ' + e.message, false));
    render();
  }

  const agentName = (a) => a.name || a.agent;
  const onCall = (a) => a && (a.state === 'on_call' || a.state === 'on_hold');

  function openMenu(key, card) {
    if (!actionsOn()) return;
    menuKey = key;
    $('actions-phone-form').hidden = true;
    $('actions-queues').open = false;
    $('actions-logout').dataset.armed = '';
    $('actions').hidden = false;
    fillMenu();
    anchor = card.getBoundingClientRect();
    placeMenu();
    document.querySelectorAll('.agent').forEach((c) => c.classList.toggle('chosen', c.dataset.agent === key));
    const first = [...$('actions').querySelectorAll('.actions-row button')].find((b) => b.offsetParent !== null);
    if (first) first.focus({ preventScroll: true });
  }

  function closeMenu() {
    if (!menuKey) return;
    const key = menuKey;
    menuKey = null;
    $('actions').hidden = true;
    document.querySelectorAll('.agent.chosen').forEach((c) => c.classList.remove('chosen'));
    const card = document.querySelector('.agent[data-agent="' + CSS.escape(key) + '"]');
    if (card) card.focus({ preventScroll: true });
  }

  // Next to the agent's card without hiding it, inside the screen: below it, else above it, else beside it.
  function placeMenu() {
    const card = document.querySelector('.agent[data-agent="' + CSS.escape(menuKey) + '"]');
    if (card) anchor = card.getBoundingClientRect(); // else where the card was when it rotated away
    const m = $('actions');
    const margin = 8;
    const w = m.offsetWidth;
    const h = m.offsetHeight;
    const clamp = (v, max) => Math.max(margin, Math.min(v, max - margin));
    let left = anchor.left;
    let top;
    if (anchor.bottom + 4 + h <= innerHeight - margin) {
      top = anchor.bottom + 4;
    } else if (anchor.top - 4 - h >= margin) {
      top = anchor.top - 4 - h;
    } else {
      left = anchor.right + 4 + w <= innerWidth - margin ? anchor.right + 4 : anchor.left - 4 - w;
      top = anchor.top;
    }
    m.style.left = clamp(left, innerWidth - w) + 'px';
    m.style.top = clamp(top, innerHeight - h) + 'px';
  }

  // The menu follows the agent's live state: listening only on an answered call, pause or unpause as it stands.
  function fillMenu() {
    const a = agents.get(menuKey);
    const here = Boolean(a) && a.state !== 'logged_out';
    $('actions-name').textContent = a ? agentName(a) : menuKey.replace(/^[^/]*\//, '');
    $('actions-state').textContent = here ? stateText(a) : 'logged out';
    $('actions-spy').hidden = !onCall(a);
    const ownAgent = viewer && viewer.agentId != null;
    const phone = localStorage.getItem(PHONE_KEY);
    $('actions-phone-note').hidden = !onCall(a) || (!ownAgent && !phone) || !$('actions-phone-form').hidden;
    $('actions-phone-text').textContent = phone ? 'Rings ' + phone : ownAgent ? 'Rings your agent phone' : '';
    $('actions-pause').hidden = !here || a.state === 'paused';
    $('actions-reason').hidden = $('actions-pause').hidden;
    $('actions-unpause').hidden = !here || a.state !== 'paused';
    $('actions-logout').hidden = !here;
    $('actions-logout').textContent = $('actions-logout').dataset.armed ? 'Really log out?' : 'Log out';
  }

  // Whom ChanSpy rings: the supervisor's own agent phone (the server's default), else the phone they gave.
  function spyPhone() {
    if (viewer && viewer.agentId != null && !localStorage.getItem(PHONE_KEY)) return undefined;
    return localStorage.getItem(PHONE_KEY) || null;
  }

  function askPhone(mode) {
    $('actions-phone-form').dataset.mode = mode || '';
    $('actions-phone-form').hidden = false;
    $('actions-phone').value = localStorage.getItem(PHONE_KEY) || '';
    fillMenu();
    $('actions-phone').focus();
  }

  function spy(mode) {
    const a = agents.get(menuKey);
    const phone = spyPhone();
    if (phone === null) { askPhone(mode); return; }
    act(async () => {
      // the board does not carry call ids; the live agents list does
      const live = await api('GET', '/api/agents');
      const view = live.find((v) => v.pbxId === a.pbxId && v.agent === a.agent);
      if (!view || !view.linkedId) throw new Error(agentName(a) + ' is not on a call');
      const body = { pbxId: a.pbxId, iface: a.agent, mode };
      if (phone) body.phone = phone;
      const started = await api('POST', '/api/calls/' + encodeURIComponent(view.linkedId) + '/spy', body);
      return SPY_WORDS[mode] + ' ' + agentName(a) + ': ' + started.phone + ' rings (keys 4 listen, 5 whisper, 6 barge)';
    });
  }

  function pauseBody(a, extra) {
    return Object.assign({ pbxId: a.pbxId, iface: a.agent }, extra);
  }

  function checks(box, names, ticked) {
    box.replaceChildren(...names.map((name) => {
      const label = el('label');
      label.title = name;
      const input = el('input');
      input.type = 'checkbox';
      input.value = name;
      input.checked = ticked.includes(name);
      label.append(input, document.createTextNode(' ' + name));
      return label;
    }));
  }
  const ticked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);

  let profile = null; // the open agent's configured profile (login, assigned queues), for Assign
  async function loadQueues() {
    const a = agents.get(menuKey);
    const key = menuKey;
    try {
      const [queueList, profiles] = await Promise.all([api('GET', '/api/queues'), api('GET', '/api/agent-profiles')]);
      if (key !== menuKey) return;
      const names = queueList.map((q) => q.name).sort();
      profile = profiles.find((p) => a && p.memberInterface === a.agent) || null;
      checks($('actions-member'), names, a && a.state !== 'logged_out' ? a.queues : []);
      checks($('actions-assigned'), profile ? names : [], profile ? profile.queues.map((q) => q.queue) : []);
      $('actions-assign').hidden = !profile;
      $('actions-unassigned').hidden = Boolean(profile);
      placeMenu();
    } catch (e) {
      toast('Queues: ' + e.message, false);
    }
  }

  $('agents').addEventListener('click', (e) => {
    const card = e.target.closest('.agent');
    if (card && actionsOn()) openMenu(card.dataset.agent, card);
  });
  $('agents').addEventListener('keydown', (e) => {
    const card = e.target.closest('.agent');
    if (card && actionsOn() && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      openMenu(card.dataset.agent, card);
    }
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeMenu(); });
  document.addEventListener('mousedown', (e) => {
    if (menuKey && !e.target.closest('#actions') && !e.target.closest('.agent')) closeMenu();
  });
  $('actions-close').addEventListener('click', closeMenu);
  $('actions-spy').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-spy]');
    if (button) spy(button.dataset.spy);
  });
  $('actions-phone-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const phone = $('actions-phone').value.trim();
    if (!phone) { toast('Your phone, e.g. PJSIP/2001', false); return; }
    localStorage.setItem(PHONE_KEY, phone);
    const mode = $('actions-phone-form').dataset.mode;
    $('actions-phone-form').hidden = true;
    fillMenu();
    if (mode) spy(mode);
  });
  $('actions-phone-change').addEventListener('click', () => askPhone(''));
  $('actions-pause').addEventListener('click', () => {
    const a = agents.get(menuKey);
    const reason = $('actions-reason').value;
    act(async () => {
      await api('POST', '/api/agents/pause', pauseBody(a, { reason }));
      return agentName(a) + ' paused (' + reason + ')';
    });
  });
  $('actions-unpause').addEventListener('click', () => {
    const a = agents.get(menuKey);
    act(async () => {
      await api('POST', '/api/agents/unpause', pauseBody(a, {}));
      return agentName(a) + ' unpaused';
    });
  });
  $('actions-logout').addEventListener('click', () => { // a second click within 5 s: an agent out by mistake is costly
    const button = $('actions-logout');
    if (!button.dataset.armed) {
      button.dataset.armed = 'true';
      fillMenu();
      setTimeout(() => { button.dataset.armed = ''; if (menuKey) fillMenu(); }, 5000);
      return;
    }
    button.dataset.armed = '';
    const a = agents.get(menuKey);
    act(async () => {
      await api('POST', '/api/agents/logout', pauseBody(a, { queues: a.queues }));
      return agentName(a) + ' logged out of ' + a.queues.join(', ');
    });
  });
  $('actions-queues').addEventListener('toggle', () => {
    if ($('actions-queues').open) loadQueues(); else placeMenu();
  });
  $('actions-move').addEventListener('click', () => {
    const a = agents.get(menuKey);
    const current = a && a.state !== 'logged_out' ? a.queues : [];
    const want = ticked($('actions-member'));
    const join = want.filter((q) => !current.includes(q));
    const leave = current.filter((q) => !want.includes(q));
    const iface = a ? a.agent : menuKey.replace(/^[^/]*\//, '');
    const pbxId = a ? a.pbxId : menuKey.split('/')[0];
    const name = a ? agentName(a) : iface;
    act(async () => {
      if (!join.length && !leave.length) return name + ': no change';
      if (join.length) await api('POST', '/api/agents/login', { pbxId, iface, queues: join });
      if (leave.length) await api('POST', '/api/agents/logout', { pbxId, iface, queues: leave });
      return name + (join.length ? ' logged in to ' + join.join(', ') : '')
        + (join.length && leave.length ? ',' : '') + (leave.length ? ' logged out of ' + leave.join(', ') : '');
    });
  });
  $('actions-assign').addEventListener('click', () => {
    const p = profile;
    const queues = ticked($('actions-assigned')).map((q) => ({ queue: q,
      penalty: ((p.queues.find((x) => x.queue === q)) || { penalty: 0 }).penalty }));
    act(async () => {
      await api('PUT', '/api/agent-profiles/' + encodeURIComponent(p.login) + '/queues', { queues });
      return p.name + ' may log in to ' + (queues.length ? queues.map((q) => q.queue).join(', ') : 'no queue');
    });
  });

  setInterval(tick, 1000);
  setInterval(() => { page++; if (queues.size || agents.size) render(); }, rotateSeconds * 1000);
  window.addEventListener('resize', () => { render(); if (menuKey) placeMenu(); });
  if (token) connect(); else showSignIn('');
})();
