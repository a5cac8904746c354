// The supervisors' wallboard: one EventSource on /api/wallboard/stream; a "snapshot" replaces the board, a
// "delta" replaces the rows that changed. Every value goes in with textContent (never innerHTML).
(() => {
  'use strict';
  const TOKEN_KEY = 'aftercare.wallboard.token';
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.hash.slice(1));
  let token = params.get('token') || sessionStorage.getItem(TOKEN_KEY);
  const zone = params.get('zone') || new URLSearchParams(location.search).get('zone');
  const queues = new Map();
  const agents = new Map();
  let skewMillis = 0; // server time minus local time, from the last message
  let events = null;

  const pct = (r) => (r === null || r === undefined ? '-' : Math.round(r * 100) + '%');
  const num = (n) => (n === null || n === undefined ? '-' : String(n));
  const secs = (s) => (s === null || s === undefined ? '-' : duration(Math.round(s)));
  function duration(s) {
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ':' + String(s % 60).padStart(2, '0');
    return Math.floor(m / 60) + 'h' + String(m % 60).padStart(2, '0');
  }

  function setFig(tile, name, text, level) {
    const fig = tile.querySelector('[data-fig="' + name + '"]');
    fig.querySelector('.v').textContent = text;
    fig.dataset.level = level || 'ok';
  }

  function renderQueue(q) {
    let tile = document.querySelector('.queue[data-queue="' + CSS.escape(q.queue) + '"]');
    if (!tile) {
      tile = $('queue-tile').content.firstElementChild.cloneNode(true);
      tile.dataset.queue = q.queue;
      $('queues').appendChild(tile);
    }
    const t = q.today || {};
    const c = t.calls || {};
    tile.querySelector('.name').textContent = q.queue;
    setFig(tile, 'waiting', num(q.waiting), q.alerts.waiting);
    setFig(tile, 'longestWait', q.waiting ? duration(q.longestWaitSeconds) : '-', q.alerts.longestWait);
    setFig(tile, 'serviceLevel', pct(c.serviceLevelOffered), q.alerts.serviceLevel);
    setFig(tile, 'agents', q.agents.ready + ' / ' + q.agents.loggedIn);
    setFig(tile, 'onCall', num(q.agents.onCall + q.agents.ringing));
    setFig(tile, 'acw', num(q.agents.afterCallWork));
    setFig(tile, 'paused', num(q.agents.paused));
    setFig(tile, 'offered', num(c.offered));
    setFig(tile, 'answered', num(c.answered));
    setFig(tile, 'abandoned', c.offered === undefined ? '-' : c.abandoned + ' (' + c.shortAbandoned + ')');
    setFig(tile, 'slAnswered', pct(c.serviceLevelAnswered));
    setFig(tile, 'asa', secs(c.asaSeconds));
    setFig(tile, 'aht', c.ahtSeconds == null ? '-' : secs(c.ahtSeconds) + ' ' + secs(c.talkSeconds) + '/'
      + secs(c.holdSeconds) + '/' + secs(c.wrapupSeconds));
    setFig(tile, 'fcr', pct(t.fcr ? t.fcr.rate : null));
    const s = t.survey;
    setFig(tile, 'resolved', pct(s ? s.resolvedRate : null));
    setFig(tile, 'csat', pct(s ? s.csat : null));
    setFig(tile, 'nps', s && s.nps != null ? String(Math.round(s.nps)) : '-');
    const reasons = Object.entries(q.agents.pausedByReason || {}).map(([r, n]) => (r || 'no reason') + ' ' + n);
    tile.querySelector('.pauses').textContent = reasons.length ? 'Paused: ' + reasons.join(', ') : '';
  }

  function renderAgents() {
    const body = $('agents').tBodies[0];
    const rows = [...agents.values()].filter((a) => a.state !== 'logged_out')
      .sort((a, b) => (a.name || a.agent).localeCompare(b.name || b.agent));
    body.replaceChildren(...rows.map((a) => {
      const tr = document.createElement('tr');
      tr.dataset.agent = a.pbxId + '/' + a.agent;
      const cells = [a.name || a.agent, a.state.replaceAll('_', ' ') + (a.reason ? ' (' + a.reason + ')' : ''),
        '', num(a.callsToday), secs(a.ahtSeconds), a.queues.join(', ')];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 1) td.dataset.state = a.state;
        if (i === 2) { td.className = 'in-state'; td.dataset.since = a.since || ''; }
        tr.appendChild(td);
      });
      return tr;
    }));
    tick();
  }

  function tick() {
    const now = Date.now() + skewMillis;
    $('clock').textContent = new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    document.querySelectorAll('#agents td.in-state').forEach((td) => {
      td.textContent = td.dataset.since ? duration(Math.max(0, Math.round((now - Date.parse(td.dataset.since)) / 1000))) : '-';
    });
  }

  function onSnapshot(s) {
    skewMillis = Date.parse(s.at) - Date.now();
    queues.clear(); agents.clear();
    $('queues').replaceChildren();
    s.queues.forEach((q) => { queues.set(q.queue, q); renderQueue(q); });
    s.agents.forEach((a) => agents.set(a.pbxId + '/' + a.agent, a));
    renderAgents();
    document.body.dataset.version = String(Number(document.body.dataset.version || 0) + 1);
  }

  function onDelta(d) {
    skewMillis = Date.parse(d.at) - Date.now();
    d.removedQueues.forEach((name) => {
      queues.delete(name);
      const tile = document.querySelector('.queue[data-queue="' + CSS.escape(name) + '"]');
      if (tile) tile.remove();
    });
    d.queues.forEach((q) => { queues.set(q.queue, q); renderQueue(q); });
    d.removedAgents.forEach((k) => agents.delete(k));
    d.agents.forEach((a) => agents.set(a.pbxId + '/' + a.agent, a));
    if (d.agents.length || d.removedAgents.length) renderAgents();
    document.body.dataset.version = String(Number(document.body.dataset.version || 0) + 1);
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
  if (token) connect(); else showSignIn('');
})();
