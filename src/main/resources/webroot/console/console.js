// The agent console: sign in, state buttons, the live call and its screen pop from the push channel (SSE), notes
// and the disposition form, each bound to its own call and kept on the server as a draft while typed, the
// calls still awaiting a wrap-up, customer search (top bar, and the unknown caller's box), and the follow-ups
// (voicemails and abandoned callers to call back: claim, play, call back, done). Plain browser
// JavaScript, no build step. Every value from the server reaches the page through textContent or form values,
// never as HTML: caller names and notes are hostile input.
'use strict';

(() => {
  const TOKEN_KEY = 'aftercare.token';
  const QUEUES_KEY = 'aftercare.queues';
  const PAGE = 50; // the pop's first page of orders; the rest come from /api/customers/{id}/orders
  const DRAFT_DELAY_MS = 800; // a draft is saved this long after the last keystroke
  const ACW_WARN_SECONDS = 15;
  const STATE_LABELS = {
    logged_out: 'Logged out', ready: 'Ready', ringing: 'Ringing', on_call: 'On call', on_hold: 'On hold',
    after_call_work: 'Wrap-up', paused: 'Paused',
  };

  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY);
  let me = null;            // GET /api/agents/me
  let meAt = 0;             // performance.now() when me was read: its times count on from there
  let events = null;        // the EventSource
  let retryTimer = null;
  let pollTimer = null;
  let tickTimer = null;
  let current = null;       // the live call: {pbxId, linkedId, stage: 'ringing'|'connected', known, callerLabel}
  let talkFrom = null;      // performance.now() when the live call was answered
  let holdFrom = null;      // performance.now() when the live call went on hold; null when not on hold
  let form = null;          // the call the notes form belongs to: {pbxId, linkedId, label, ended, known, openCases}
  let dirty = false;        // the form has changes not yet saved as a draft
  let draftTimer = null;
  let pending = [];         // GET /api/agents/me/wrapups
  let reasons = null;       // the disposition reason codes
  let customerId = null;    // the customer on screen, for "more orders" and new cases
  let popCall = null;       // {pbxId, linkedId} of the call the pop shows
  let ordersShown = 0;
  let ordersCursor = null;  // the after of the next page of the customer's orders; null: none
  let queueSignature = '';
  let acwWarned = null;     // the call whose wrap-up end was announced
  let followUps = [];       // GET /api/follow-ups: open and claimed, oldest first
  let followUpsAt = 0;      // performance.now() when they were read: their ages count on from there
  let playing = null;       // {id, url} of the voicemail loaded in the player
  const outcomes = new Map(); // follow-up id -> the outcome note typed so far (the list is redrawn every poll)

  // ---- small DOM helpers: text only ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('data-')) node.setAttribute(key, String(value));
      else node[key] = value;
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function text(id, value) { $(id).textContent = value === null || value === undefined || value === '' ? '—' : String(value); }
  function clear(node) { node.replaceChildren(); return node; }
  function show(id, visible) { $(id).hidden = !visible; }
  function notice(message) { $('notice').textContent = message || ''; }
  function money(minor, currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD' }).format(minor / 100);
    } catch (e) {
      return (minor / 100).toFixed(2) + ' ' + (currency || '');
    }
  }
  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString();
  }
  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const rest = String(s % 60).padStart(2, '0');
    return h ? h + ':' + String(m).padStart(2, '0') + ':' + rest : m + ':' + rest;
  }
  /** Seconds from the server's `now` (when me was read) to `iso`, counted on by the browser since. */
  function secondsUntil(iso) {
    if (!me || !me.now || !iso) return null;
    return (Date.parse(iso) - Date.parse(me.now)) / 1000 - (performance.now() - meAt) / 1000;
  }
  /** A pause reason as people say it: the pause menu's label, "Wrap-up" for after-call work. */
  function reasonLabel(code) {
    if (!code) return '';
    if (code === 'acw') return 'Wrap-up';
    const option = [...$('pause-reason').options].find((o) => o.value === code);
    return option ? option.textContent : code;
  }
  /** Why the call came here, in the rule's own conditions, without rule names and ids. */
  function whyHere(routing) {
    if (!routing) return '';
    if (routing.fallback) return 'aftercare could not decide in time: the default queue';
    const held = /matched: (.*?)(?: -> queue|$)/.exec(routing.reason || '');
    if (held) return held[1].replace(/ case (\d+)/g, ' case #$1');
    return /no rule|no conditions/.test(routing.reason || '') ? 'the default route' : '';
  }

  // ---- HTTP ----
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const raw = await response.text();
    let data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
    if (response.status === 401 && token) {
      signedOut('Your session has ended: sign in again.');
    }
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return data;
  }
  const callPath = (c, tail) => '/api/calls/' + encodeURIComponent(c.linkedId) + tail;

  // ---- sign-in ----
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    $('sign-in-button').disabled = true;
    try {
      const session = await api('POST', '/api/auth/login', { username: $('username').value, password: $('password').value });
      if (!session.account || session.account.role !== 'agent' || session.account.agentId === null) {
        token = session.token;
        await api('POST', '/api/auth/logout').catch(() => {});
        token = null;
        throw new Error('This console is for agent accounts.');
      }
      token = session.token;
      sessionStorage.setItem(TOKEN_KEY, token);
      $('password').value = '';
      await start();
    } catch (e) {
      $('sign-in-error').textContent = e.message;
    } finally {
      $('sign-in-button').disabled = false;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    await flushDraft();
    await api('POST', '/api/auth/logout').catch(() => {});
    signedOut('');
  });

  function signedOut(message) {
    token = null;
    me = null;
    sessionStorage.removeItem(TOKEN_KEY);
    if (events) { events.close(); events = null; }
    clearTimeout(retryTimer);
    clearInterval(pollTimer);
    clearInterval(tickTimer);
    show('desk', false); show('who', false); show('push-status', false); show('sign-out', false);
    show('find-form', false); show('find-panel', false);
    show('sign-in', true);
    $('sign-in-error').textContent = message || '';
  }

  async function start() {
    await refreshMe();
    show('sign-in', false); show('desk', true); show('who', true); show('push-status', true); show('sign-out', true);
    show('find-form', true);
    reasons = await api('GET', '/api/dispositions/reasons').catch(() => []);
    connectPush();
    await refreshPending();
    await refreshFollowUps();
    clearInterval(pollTimer);
    pollTimer = setInterval(() => { refreshMe().catch(() => {}); refreshPending(); refreshFollowUps(); }, 10000);
    clearInterval(tickTimer);
    tickTimer = setInterval(tick, 1000);
  }

  // ---- agent state ----
  async function refreshMe() {
    me = await api('GET', '/api/agents/me');
    meAt = performance.now();
    text('agent-name', me.name);
    const state = $('agent-state');
    state.dataset.state = me.state;
    state.textContent = STATE_LABELS[me.state] || me.state;
    $('agent-reason').textContent = me.state === 'paused' && me.reason ? reasonLabel(me.reason) : '';
    const pause = me.pendingPause ? reasonLabel(me.pendingPause) : '';
    $('pending-pause').textContent = pause ? 'Pause (' + pause + ') after this call' : '';
    show('pending-pause', Boolean(pause));
    renderQueues();
    $('pause').disabled = me.state === 'logged_out' || Boolean(pause) || me.state === 'paused';
    $('log-out').disabled = me.state === 'logged_out';
    $('ready').textContent = me.state === 'after_call_work' ? 'Done: ready' : 'Ready';
    $('ready').disabled = me.state === 'ready' || me.state === 'ringing' || me.state === 'on_call'
      || me.state === 'on_hold';
    syncCall();
    tick();
    return me;
  }

  /** The live call as the agent's state says: no call card once they are no longer on it; hold time summed. */
  function syncCall() {
    if (me.state === 'on_hold' && holdFrom === null) {
      holdFrom = performance.now() - Math.max(0, -secondsUntil(me.since)) * 1000;
    } else if (me.state !== 'on_hold' && holdFrom !== null) {
      if (current) current.heldSeconds += (performance.now() - holdFrom) / 1000;
      holdFrom = null;
    }
    const onCall = me.state === 'on_call' || me.state === 'on_hold';
    if (current && current.stage === 'connected' && !onCall && me.linkedId !== current.linkedId) {
      current = null;
    }
    show('call', Boolean(current && current.stage === 'connected'));
    $('call').dataset.state = me.state;
    $('call-status').textContent = me.state === 'on_hold' ? 'On hold' : 'On call';
    $('hold').textContent = me.state === 'on_hold' ? 'Resume' : 'Hold';
    const busy = ['ringing', 'on_call', 'on_hold'].includes(me.state);
    $('call-customer').hidden = customerId === null || busy || me.state === 'logged_out';
    show('idle', !current && !form && (me.state === 'ready' || me.state === 'paused' || me.state === 'logged_out'));
    const idle = $('idle');
    idle.textContent = me.state === 'paused' ? 'Paused (' + reasonLabel(me.reason) + '): no calls come to you.'
      : me.state === 'logged_out' ? 'Log in to your queues to take calls.' : 'Waiting for a call.';
  }

  /** Every second: the state timer, the call's timers and the wrap-up countdown. */
  function tick() {
    if (!me) return;
    const inState = me.since ? -secondsUntil(me.since) : null;
    $('state-timer').textContent = inState === null ? '' : clock(inState);
    if (current && current.stage === 'connected' && talkFrom !== null) {
      const held = current.heldSeconds + (holdFrom !== null ? (performance.now() - holdFrom) / 1000 : 0);
      const total = (performance.now() - talkFrom) / 1000;
      $('talk-timer').textContent = clock(total - held);
      $('hold-timer').textContent = clock(held);
    }
    const left = me.state === 'after_call_work' ? secondsUntil(me.wrapupEndsAt) : null;
    show('acw', left !== null);
    if (left === null) return;
    const planned = Math.max(1, -secondsUntil(me.since) + left);
    $('acw-left').textContent = clock(left) + ' left';
    $('acw-bar').style.width = Math.max(0, Math.min(100, 100 * left / planned)) + '%';
    $('acw-extend').disabled = !me.wrapupLimit || Date.parse(me.wrapupLimit) <= Date.parse(me.wrapupEndsAt);
    const ending = left <= ACW_WARN_SECONDS;
    $('acw').dataset.ending = String(ending);
    $('acw-warning').textContent = ending ? 'Wrap-up ends in ' + Math.ceil(left) + ' s: extend it or save.'
      + ' Your notes are kept either way.' : '';
    if (ending && acwWarned !== me.wrapupLinkedId) {
      acwWarned = me.wrapupLinkedId;
      $('acw').scrollIntoView({ block: 'nearest' });
    }
    if (left <= 0) setTimeout(() => refreshMe().catch(() => {}), 1500);
  }

  function renderQueues() {
    const signature = me.allQueues.join('\n') + '|' + me.queues.join('\n');
    if (signature === queueSignature) return; // keep what the agent is ticking
    queueSignature = signature;
    let wanted = me.queues;
    if (wanted.length === 0) {
      try { wanted = JSON.parse(localStorage.getItem(QUEUES_KEY) || '[]'); } catch (e) { wanted = []; }
    }
    const list = clear($('queue-list'));
    if (me.allQueues.length === 0) list.append(el('p', {}, 'No queue is assigned to you: ask a supervisor.'));
    for (const q of me.allQueues) {
      list.append(el('label', {}, el('input', { type: 'checkbox', value: q, checked: wanted.includes(q) }), ' ', q));
    }
  }

  function chosenQueues() {
    return [...$('queue-list').querySelectorAll('input:checked')].map((box) => box.value);
  }

  async function command(path, body, done) {
    notice('');
    try {
      await api('POST', path, body);
      notice(done);
    } catch (e) {
      notice(e.message);
    }
    await refreshMe().catch(() => {});
  }

  async function ready() {
    if (!me || $('ready').disabled) return;
    if (me.state === 'logged_out') {
      const queues = chosenQueues();
      if (queues.length === 0) {
        $('queue-choice').open = true;
        notice('Choose the queues to log in to.');
        return;
      }
      localStorage.setItem(QUEUES_KEY, JSON.stringify(queues));
      await command('/api/agents/login', { iface: me.iface, queues, name: me.name }, 'Logged in.');
    } else if (me.state === 'after_call_work') {
      await flushDraft();
      await command('/api/agents/wrapup-done', { iface: me.iface }, 'Ready. The call stays in "Calls awaiting wrap-up".');
      await refreshPending();
    } else {
      await command('/api/agents/unpause', { iface: me.iface }, 'Ready.');
    }
  }
  function pause() {
    if (!me || $('pause').disabled) return;
    const busy = ['ringing', 'on_call', 'on_hold', 'after_call_work'].includes(me.state);
    command('/api/agents/pause', { iface: me.iface, reason: $('pause-reason').value },
      busy ? 'Pause asked: it starts when this call is done.' : 'Paused.');
  }
  $('ready').addEventListener('click', ready);
  $('pause').addEventListener('click', pause);
  $('log-out').addEventListener('click', () =>
    command('/api/agents/logout', { iface: me.iface, queues: me.queues }, 'Logged out of your queues.'));

  $('acw-extend').addEventListener('click', extendWrapUp);
  async function extendWrapUp() {
    if (!me || me.state !== 'after_call_work' || $('acw-extend').disabled) return;
    try {
      await api('POST', '/api/agents/wrapup-extend', { iface: me.iface, seconds: 60 });
      acwWarned = null;
      notice('Wrap-up extended.');
    } catch (e) {
      notice(e.message);
    }
    await refreshMe().catch(() => {});
  }

  // ---- the push channel ----
  function connectPush() {
    if (events) events.close();
    clearTimeout(retryTimer);
    events = new EventSource('/api/push?access_token=' + encodeURIComponent(token));
    events.onopen = () => pushUp(true);
    events.onerror = () => {
      pushUp(false);
      if (events && events.readyState === EventSource.CLOSED) {
        // The server refused the stream (an HTTP error, not a drop): EventSource will not retry by itself.
        retryTimer = setTimeout(() => refreshMe().then(connectPush, () => {
          if (token) retryTimer = setTimeout(connectPush, 5000);
        }), 3000);
      }
    };
    events.addEventListener('ringing', (m) => onRinging(JSON.parse(m.data)));
    events.addEventListener('connected', (m) => onConnected(JSON.parse(m.data)));
    events.addEventListener('wrap-up', (m) => onWrapUp(JSON.parse(m.data)));
    events.addEventListener('missed', (m) => onMissed(JSON.parse(m.data)));
  }

  function pushUp(up) {
    const status = $('push-status');
    status.dataset.up = String(up);
    status.textContent = up ? 'live' : 'reconnecting…';
  }

  function callerOf(c) {
    return (c && (c.callerE164 || c.callerRaw)) || 'withheld number';
  }
  function labelOf(customer, c) {
    return customer ? customer.name : callerOf(c);
  }

  function onRinging(r) {
    current = { pbxId: r.call.pbxId, linkedId: r.call.linkedId, stage: 'ringing', heldSeconds: 0 };
    text('ringing-caller', callerOf(r.call));
    $('ringing-customer').textContent = r.customer ? r.customer.name + ' · ' + r.customer.tier : 'Unknown caller';
    $('ringing-reason').textContent = whyHere(r.routing);
    show('ringing', true);
    show('idle', false);
    refreshMe().catch(() => {});
  }

  async function onConnected(p) {
    const same = current && current.linkedId === p.call.linkedId && current.stage === 'connected';
    current = { pbxId: p.call.pbxId, linkedId: p.call.linkedId, stage: 'connected', heldSeconds: 0 };
    if (!same) {
      talkFrom = performance.now();
      transferEnded();
      callNotice('');
    }
    show('ringing', false); show('idle', false);
    renderPop(p);
    show('pop', true);
    show('call', true);
    // Notes during the call go with this call; a wrap-up left open keeps its draft and waits in the list.
    if (!form || form.linkedId !== p.call.linkedId) {
      await bindForm({ pbxId: p.call.pbxId, linkedId: p.call.linkedId, label: labelOf(p.customer, p.call),
        ended: false, known: Boolean(p.customer), openCases: p.openCases || [] });
    }
    refreshMe().catch(() => {});
  }

  async function onWrapUp(w) {
    show('ringing', false); show('idle', false);
    if (current && current.linkedId === w.call.linkedId) current = null;
    if ($('pop').hidden) { // reconnected after the call: the pop again, or at least who it was
      renderCustomer(w.customer, w.call, null);
      show('pop', true);
      api('GET', callPath(w.call, '/screenpop?pbxId=' + encodeURIComponent(w.call.pbxId)))
        .then((p) => { if (popCall && popCall.linkedId === w.call.linkedId) renderPop(p); }).catch(() => {});
    }
    const info = { pbxId: w.call.pbxId, linkedId: w.call.linkedId, label: labelOf(w.customer, w.call), ended: true,
      known: Boolean(w.customer), openCases: w.openCases || [] };
    if (w.reasons && w.reasons.length) reasons = w.reasons;
    if (!form || form.linkedId === w.call.linkedId || (!dirty && form.ended && !$('notes').value)) {
      if (form && form.linkedId === w.call.linkedId) {
        Object.assign(form, info);
        renderFormHead();
        renderCaseOptions();
      } else {
        await bindForm(info);
      }
      $('wrap-up').scrollIntoView({ block: 'nearest' });
      (form.known && !$('reason-code').value ? $('reason-code') : $('notes')).focus();
    }
    await refreshPending();
    refreshMe().catch(() => {});
  }

  function onMissed(m) {
    if (current && current.stage === 'ringing' && (!m || !m.linkedId || m.linkedId === current.linkedId)) current = null;
    show('ringing', false);
    notice('Missed call: the caller went to another agent.');
    refreshMe().catch(() => {});
  }

  // ---- the notes and disposition form: always one call's, saved as a draft while typed ----
  async function bindForm(info) {
    await flushDraft();
    form = info;
    dirty = false;
    resetForm();
    renderFormHead();
    renderCaseOptions();
    show('wrap-up', true);
    show('idle', false);
    try {
      const draft = await api('GET', callPath(form, '/draft?pbxId=' + encodeURIComponent(form.pbxId)));
      if (draft && form && draft.linkedId === form.linkedId) fillForm(draft.form, draft.updatedAt);
    } catch (e) {
      if (e.status !== 404) $('draft-status').textContent = 'Draft not read: ' + e.message;
    }
    renderPendingList();
  }

  function renderFormHead() {
    $('form-title').textContent = (form.ended ? 'Wrap-up' : 'Notes') + ' · ' + form.label;
    $('save-disposition').disabled = !form.ended;
    $('save-hint').textContent = form.ended ? '' : 'Save once the call has ended; notes are kept as you type.';
  }

  function renderCaseOptions() {
    const chosen = $('reason-code').value;
    const select = clear($('reason-code'));
    select.append(el('option', { value: '' }, 'Choose a reason…'));
    for (const r of reasons || []) if (r.active !== false) select.append(el('option', { value: r.code }, r.label));
    select.value = chosen;
    const linked = $('case-link').value;
    const cases = clear($('case-link'));
    for (const c of form.openCases || []) {
      cases.append(el('option', { value: String(c.id) }, '#' + c.id + ' ' + c.type + (c.subject ? ' · ' + c.subject : '')));
    }
    if (linked) cases.value = linked;
    const canLink = (form.openCases || []).length > 0;
    document.querySelector('input[name="case-mode"][value="link"]').disabled = !canLink || !form.known;
    document.querySelector('input[name="case-mode"][value="new"]').disabled = !form.known;
    if (!form.known) document.querySelector('input[name="case-mode"][value="none"]').checked = true;
    caseModeChanged();
  }

  function resetForm() {
    document.querySelector('input[name="case-mode"][value="none"]').checked = true;
    for (const radio of document.querySelectorAll('input[name="resolved"]')) radio.checked = false;
    $('reason-code').value = '';
    $('notes').value = '';
    $('case-serial').value = ''; $('case-sku').value = ''; $('case-subject').value = '';
    $('notes-count').textContent = '0';
    $('disposition-error').textContent = '';
    $('draft-status').textContent = '';
  }

  function fillForm(d, updatedAt) {
    if (!d) return;
    $('notes').value = d.notes || '';
    $('notes-count').textContent = String($('notes').value.length);
    if (d.reasonCode) $('reason-code').value = d.reasonCode;
    if (d.resolved === true || d.resolved === false) {
      document.querySelector('input[name="resolved"][value="' + d.resolved + '"]').checked = true;
    }
    if (d.caseId) {
      document.querySelector('input[name="case-mode"][value="link"]').checked = true;
      $('case-link').value = String(d.caseId);
    } else if (d.newCase) {
      document.querySelector('input[name="case-mode"][value="new"]').checked = true;
      $('case-type').value = d.newCase.type || 'repair';
      $('case-serial').value = d.newCase.serialNumber || '';
      $('case-sku').value = d.newCase.sku || '';
      $('case-subject').value = d.newCase.subject || '';
    }
    caseModeChanged();
    $('draft-status').textContent = 'Draft of ' + new Date(updatedAt).toLocaleTimeString();
  }

  function formBody() {
    const resolved = document.querySelector('input[name="resolved"]:checked');
    const body = {
      pbxId: form.pbxId,
      reasonCode: $('reason-code').value || null,
      resolved: resolved ? resolved.value === 'true' : null,
      notes: $('notes').value,
    };
    const mode = document.querySelector('input[name="case-mode"]:checked').value;
    if (mode === 'link' && $('case-link').value) body.caseId = Number($('case-link').value);
    if (mode === 'new') {
      body.newCase = { type: $('case-type').value, subject: $('case-subject').value || null,
        sku: $('case-sku').value || null, serialNumber: $('case-serial').value || null };
    }
    return body;
  }

  function changed() {
    if (!form) return;
    dirty = true;
    $('draft-status').textContent = 'Unsaved…';
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => flushDraft().catch(() => {}), DRAFT_DELAY_MS);
  }

  /** Saves the form's changes as its call's draft, now. */
  async function flushDraft() {
    clearTimeout(draftTimer);
    if (!form || !dirty) return;
    const call = form;
    const body = formBody();
    dirty = false;
    try {
      const saved = await api('PUT', callPath(call, '/draft'), body);
      if (form === call) $('draft-status').textContent = 'Draft saved ' + new Date(saved.updatedAt).toLocaleTimeString();
      const item = pending.find((x) => x.linkedId === call.linkedId);
      if (item) item.draft = body;
    } catch (e) {
      if (form === call) {
        dirty = true;
        $('draft-status').textContent = 'Draft not saved: ' + e.message;
      }
    }
  }

  function caseModeChanged() {
    const mode = document.querySelector('input[name="case-mode"]:checked').value;
    show('new-case', mode === 'new');
    $('case-link').disabled = mode !== 'link';
  }
  for (const radio of document.querySelectorAll('input[name="case-mode"]')) {
    radio.addEventListener('change', () => { caseModeChanged(); changed(); });
  }
  $('notes').addEventListener('input', () => { $('notes-count').textContent = String($('notes').value.length); changed(); });
  for (const id of ['reason-code', 'case-link', 'case-type', 'case-serial', 'case-sku', 'case-subject']) {
    $(id).addEventListener('input', changed);
    $(id).addEventListener('change', changed);
  }
  for (const radio of document.querySelectorAll('input[name="resolved"]')) radio.addEventListener('change', changed);

  $('disposition-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await saveDisposition();
  });

  async function saveDisposition() {
    if (!form || $('save-disposition').disabled) return;
    clearTimeout(draftTimer);
    const call = form;
    $('save-disposition').disabled = true;
    $('disposition-error').textContent = '';
    try {
      const saved = await api('POST', callPath(call, '/disposition'), formBody());
      dirty = false;
      form = null;
      show('wrap-up', false);
      notice('Disposition saved for ' + call.label + (saved && saved.caseId ? ' (case #' + saved.caseId + ')' : '') + '.');
      if (!current) { show('pop', false); show('call', false); }
      await refreshPending();
      const next = pending[0];
      if (current && current.stage === 'connected') {
        await bindForm({ pbxId: current.pbxId, linkedId: current.linkedId, label: $('customer-name').textContent,
          ended: false, known: customerId !== null, openCases: [] });
      } else if (next) {
        await openPending(next);
      }
      await refreshMe().catch(() => {});
    } catch (e) {
      $('disposition-error').textContent = e.message;
      $('save-disposition').disabled = !form || !form.ended;
    }
  }

  // ---- calls awaiting wrap-up ----
  async function refreshPending() {
    try {
      pending = await api('GET', '/api/agents/me/wrapups');
    } catch (e) {
      return;
    }
    if (form && !form.ended && pending.some((p) => p.linkedId === form.linkedId)) {
      form.ended = true; // the call ended for the agent while the form was open
      renderFormHead();
    }
    renderPendingList();
  }

  function renderPendingList() {
    const list = clear($('pending-list'));
    for (const p of pending) {
      const label = p.customerName || p.callerName || p.callerRaw || 'withheld number';
      const open = el('button', { type: 'button', class: 'link' }, form && form.linkedId === p.linkedId ? 'Open' : 'Wrap up');
      open.addEventListener('click', () => openPending(p));
      list.append(el('li', { 'data-open': String(Boolean(form && form.linkedId === p.linkedId)), 'data-linked-id': p.linkedId },
        el('span', { class: 'grow' }, label), el('span', { class: 'muted small' },
          (p.queue || '') + ' · ' + new Date(p.talkEndedAt).toLocaleTimeString() + (p.draft ? ' · draft' : '')), open));
    }
    show('pending', pending.length > 0);
  }

  async function openPending(p) {
    let openCases = [];
    if (p.customerId !== null && p.customerId !== undefined) {
      openCases = await api('GET', '/api/cases?customerId=' + encodeURIComponent(p.customerId))
        .then((page) => page.items.filter((c) => !['resolved', 'closed'].includes(c.status))).catch(() => []);
    }
    await bindForm({ pbxId: p.pbxId, linkedId: p.linkedId, ended: true, openCases,
      label: p.customerName || p.callerName || p.callerRaw || 'withheld number',
      known: p.customerId !== null && p.customerId !== undefined });
    $('wrap-up').scrollIntoView({ block: 'nearest' });
    $('notes').focus();
  }

  // ---- the screen pop ----
  function renderCustomer(customer, c, routing) {
    popCall = c ? { pbxId: c.pbxId, linkedId: c.linkedId } : null;
    if (customer) {
      $('customer-name').textContent = customer.name;
      const tier = clear($('customer-tier'));
      tier.append(el('span', { class: 'tier', 'data-tier': customer.tier }, customer.tier));
      text('customer-language', customer.language);
      text('customer-phones', (customer.phones || []).join(', '));
      customerId = customer.id;
    } else {
      $('customer-name').textContent = 'Unknown caller';
      clear($('customer-tier'));
      text('customer-language', ''); text('customer-phones', '');
      customerId = null;
    }
    text('call-caller', callerOf(c));
    text('call-queue', c && c.queue);
    text('routing-reason', whyHere(routing));
    show('open-case', customerId !== null);
    $('call-customer').hidden = customerId === null || !me || ['ringing', 'on_call', 'on_hold'].includes(me.state);
  }

  function renderPop(p) {
    renderCustomer(p.customer, p.call, p.routing);
    show('unknown', !p.customer);
    clear($('search-results'));
    renderWarranties(p.warranties || []);
    renderCases($('open-cases'), p.openCases || [], 'No open case.');
    renderCases($('recent-cases'), p.recentCases || [], 'None.');
    show('case-view', false);
    const contacts = clear($('last-contacts'));
    for (const c of p.lastContacts || []) {
      contacts.append(el('li', {}, when(c.at), ' · ', c.queue || '', ' · ', c.outcome || '',
        c.answeredBy ? ' · ' + c.answeredBy : '',
        c.reasonCode ? ' · ' + c.reasonCode : '',
        c.resolved === true ? ' · resolved' : c.resolved === false ? ' · not resolved' : ''));
    }
    if (!contacts.childElementCount) contacts.append(el('li', { class: 'muted' }, 'No earlier call.'));
    const accessories = clear($('accessories'));
    for (const a of p.suggestedAccessories || []) {
      accessories.append(el('li', {}, a.name, ' ', el('span', { class: 'muted' }, a.sku)));
    }
    if (!accessories.childElementCount) accessories.append(el('li', { class: 'muted' }, 'Nothing to suggest.'));
    clear($('orders'));
    ordersShown = 0;
    ordersCursor = p.ordersCursor || null;
    appendOrders(p.orders || []);
    show('more-orders', ordersCursor !== null && customerId !== null);
  }

  function renderWarranties(list) {
    const body = clear($('warranties'));
    for (const w of list) {
      body.append(el('tr', { title: w.plan || '' }, el('td', { class: 'serials' }, w.serialNumber), el('td', {}, w.sku),
        el('td', { class: 'status-' + w.status }, w.status), el('td', {}, w.daysLeft)));
    }
    if (!list.length) body.append(el('tr', {}, el('td', { class: 'muted', colSpan: 4 }, 'No warranty.')));
  }

  function renderCases(list, cases, empty) {
    clear(list);
    for (const c of cases) {
      const view = el('button', { type: 'button', class: 'link' }, '#' + c.id);
      view.addEventListener('click', () => showCase(c));
      list.append(el('li', {}, view, ' ', el('strong', {}, c.type), ' · ', c.status.replace('_', ' '),
        c.subject ? ' · ' + c.subject : '', c.serialNumber ? ' · ' : '',
        c.serialNumber ? el('span', { class: 'serials' }, c.serialNumber) : null));
    }
    if (!cases.length) list.append(el('li', { class: 'muted' }, empty));
  }

  /** A case's facts and its status, changeable during the call. */
  function showCase(c) {
    const box = clear($('case-view'));
    const status = el('select', { 'aria-label': 'Status' });
    for (const s of ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed']) {
      status.append(el('option', { value: s, selected: s === c.status }, s.replace('_', ' ')));
    }
    const save = el('button', { type: 'button' }, 'Change status');
    const result = el('span', { class: 'muted small' });
    save.addEventListener('click', async () => {
      try {
        const updated = await api('PATCH', '/api/cases/' + encodeURIComponent(c.id), { status: status.value });
        result.textContent = 'Now ' + updated.status.replace('_', ' ') + '.';
        await reloadCases();
      } catch (e) {
        result.textContent = e.message;
      }
    });
    const history = el('ul', { class: 'list small' });
    box.append(el('div', {}, el('strong', {}, '#' + c.id + ' ' + c.type), ' · ', c.status.replace('_', ' ')),
      el('div', {}, c.subject || '', c.serialNumber ? ' · S/N ' + c.serialNumber : '', c.sku ? ' · ' + c.sku : ''),
      history, el('div', { class: 'row' }, status, save, result));
    show('case-view', true);
    api('GET', '/api/cases/' + encodeURIComponent(c.id) + '/history').then((steps) => {
      for (const s of steps) {
        history.append(el('li', {}, when(s.at), ' · ', s.kind === 'call' ? 'call' : s.kind,
          s.agent ? ' · ' + s.agent : '', s.reasonCode ? ' · ' + s.reasonCode : '',
          s.resolved === true ? ' · resolved' : s.resolved === false ? ' · not resolved' : '',
          s.notes ? ' · ' + s.notes : ''));
      }
    }).catch((e) => history.append(el('li', { class: 'error' }, e.message)));
  }

  /** A new case opened during the call, linked in the form at once. */
  $('open-case').addEventListener('click', () => {
    if (customerId === null) return;
    const box = clear($('case-view'));
    const type = el('select', { 'aria-label': 'Type' });
    for (const [v, label] of [['repair', 'Repair'], ['return', 'Return / RMA'], ['technical', 'Technical'], ['complaint', 'Complaint']]) {
      type.append(el('option', { value: v }, label));
    }
    const subject = el('input', { maxLength: 200, placeholder: 'Subject' });
    const serial = el('input', { maxLength: 100, placeholder: 'Serial number' });
    const create = el('button', { type: 'button' }, 'Open case');
    const result = el('span', { class: 'muted small' });
    create.addEventListener('click', async () => {
      try {
        const made = await api('POST', '/api/cases', { customerId, type: type.value, subject: subject.value || null,
          serialNumber: serial.value || null });
        result.textContent = 'Case #' + made.id + ' opened.';
        await reloadCases();
        if (form) {
          document.querySelector('input[name="case-mode"][value="link"]').checked = true;
          $('case-link').value = String(made.id);
          caseModeChanged();
          changed();
        }
      } catch (e) {
        result.textContent = e.message;
      }
    });
    box.append(el('div', { class: 'row' }, type, subject), el('div', { class: 'row' }, serial, create), result);
    show('case-view', true);
  });

  async function reloadCases() {
    if (customerId === null) return;
    const cases = (await api('GET', '/api/cases?customerId=' + encodeURIComponent(customerId))).items;
    const open = cases.filter((x) => !['resolved', 'closed'].includes(x.status));
    renderCases($('open-cases'), open, 'No open case.');
    renderCases($('recent-cases'), cases.filter((x) => ['resolved', 'closed'].includes(x.status)).slice(0, 10), 'None.');
    if (form) {
      form.openCases = open;
      form.known = true;
      renderCaseOptions();
    }
  }

  function appendOrders(orders) {
    const box = $('orders');
    for (const o of orders) {
      const lines = el('ul', { class: 'list lines' });
      for (const l of o.lines || []) {
        lines.append(el('li', {}, l.quantity + ' × ', l.productName || l.sku, ' ',
          el('span', { class: 'muted' }, l.sku), ' ', money(l.unitPriceMinor, o.currency),
          (l.serialNumbers || []).length ? el('div', { class: 'serials' }, 'S/N ' + l.serialNumbers.join(', ')) : null));
      }
      box.append(el('div', { class: 'order' },
        el('div', { class: 'order-head' }, el('span', {}, o.orderNumber), el('span', {}, o.orderedOn),
          el('span', {}, money(o.totalMinor, o.currency)), el('span', { class: 'muted' }, o.channel || '')),
        lines));
    }
    ordersShown += orders.length;
    if (!ordersShown) box.append(el('p', { class: 'muted' }, 'No order.'));
  }

  $('more-orders').addEventListener('click', async () => {
    if (customerId === null) return;
    try {
      const more = await api('GET', '/api/customers/' + encodeURIComponent(customerId) + '/orders?limit=' + PAGE
        + '&after=' + encodeURIComponent(ordersCursor));
      ordersCursor = more.nextCursor;
      appendOrders(more.items);
      show('more-orders', ordersCursor !== null);
    } catch (e) {
      notice(e.message);
    }
  });

  // ---- customer search: the top bar at any time; the unknown caller's box, then "this is the caller" ----
  const MATCHED_BY = { phone: 'phone', order: 'order', serial: 'serial', name: 'name', email: 'e-mail' };

  async function search(q, list, forCaller) {
    clear(list);
    try {
      const found = await api('GET', '/api/search?q=' + encodeURIComponent(q));
      for (const c of found.customers) {
        const pick = el('button', { type: 'button', class: 'link' }, 'Show');
        pick.addEventListener('click', () => showFound(c));
        let caller = null;
        if (forCaller) {
          caller = el('button', { type: 'button', class: 'this-is-caller' }, 'This is the caller');
          caller.addEventListener('click', () => thisIsTheCaller(c));
          caller.hidden = !popCall;
        }
        const why = c.matches.map((m) => MATCHED_BY[m.by] + ' ' + m.value + (m.exact ? '' : ' (partial)'));
        list.append(el('li', { class: 'found', 'data-customer-id': c.id },
          el('strong', {}, c.name), ' · ', el('span', { class: 'tier', 'data-tier': c.tier }, c.tier), ' · ',
          (c.phones || []).map((p) => p.e164).join(', ') || 'no phone', ' ', pick, caller ? ' ' : null, caller,
          el('div', { class: 'why' }, 'Matched by ' + why.join(', '))));
      }
      if (!found.customers.length) list.append(el('li', { class: 'muted' }, 'No customer found.'));
      if (found.more) list.append(el('li', { class: 'muted' }, 'More customers match: type more to narrow the search.'));
    } catch (e) {
      list.append(el('li', { class: 'error' }, e.message));
    }
  }

  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search($('search-text').value.trim(), $('search-results'), true);
  });
  $('find-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show('find-panel', true);
    search($('find-text').value.trim(), $('find-results'), false);
  });
  $('find-close').addEventListener('click', () => { show('find-panel', false); clear($('find-results')); });

  async function showFound(c) {
    try {
      const [orders, warranties, casePage] = await Promise.all([
        api('GET', '/api/customers/' + encodeURIComponent(c.id) + '/orders?limit=' + PAGE),
        api('GET', '/api/warranties?customerId=' + encodeURIComponent(c.id)),
        api('GET', '/api/cases?customerId=' + encodeURIComponent(c.id)),
      ]);
      const cases = casePage.items;
      const summary = { id: c.id, name: c.name, tier: c.tier, language: c.language, phones: (c.phones || []).map((p) => p.e164) };
      $('customer-name').textContent = summary.name;
      const tier = clear($('customer-tier'));
      tier.append(el('span', { class: 'tier', 'data-tier': summary.tier }, summary.tier));
      text('customer-language', summary.language);
      text('customer-phones', summary.phones.join(', '));
      customerId = c.id;
      renderWarranties(warranties);
      renderCases($('open-cases'), cases.filter((x) => !['resolved', 'closed'].includes(x.status)), 'No open case.');
      renderCases($('recent-cases'), cases, 'None.');
      clear($('orders'));
      ordersShown = 0;
      ordersCursor = orders.nextCursor;
      appendOrders(orders.items);
      show('more-orders', ordersCursor !== null);
      // Contacts and suggestions come with a call's pop only: never leave another customer's on screen.
      clear($('last-contacts')).append(el('li', { class: 'muted' }, 'Not loaded for a customer found by search.'));
      clear($('accessories')).append(el('li', { class: 'muted' }, 'Not loaded for a customer found by search.'));
      show('find-panel', false);
      if (popCall && !$('pop').hidden && !$('unknown').hidden) { // an unknown caller's pop: they may be the one
        notice('Shown from the search: press "This is the caller" to tie the call to them.');
        return;
      }
      // Not the caller: no "New case" here, it would link a case of this customer into a call's form.
      show('open-case', false); show('case-view', false);
      if (!current) { // no call: the pop area shows this customer alone
        popCall = null;
        text('call-caller', ''); text('call-queue', ''); text('routing-reason', '');
        show('unknown', false); show('pop', true);
        notice('Showing ' + c.name + ', found by search.');
      } else {
        notice('Showing ' + c.name + ', found by search, instead of the caller\'s pop until the next call.');
      }
    } catch (e) {
      notice(e.message);
    }
  }

  /** Stamps the call on screen with the customer found, then shows their pop and unlocks the case options. */
  async function thisIsTheCaller(c) {
    if (!popCall) return;
    const call = popCall;
    try {
      const linked = await api('POST', callPath(call, '/caller'), { pbxId: call.pbxId, customerId: c.id,
        addNumber: $('add-number').checked });
      const pop = await api('GET', callPath(call, '/screenpop?pbxId=' + encodeURIComponent(call.pbxId)));
      renderPop(pop);
      notice(c.name + ' is the caller' + (linked.numberAdded ? '; ' + linked.numberAdded + ' added to their phones.' : '.'));
      if (form && form.linkedId === call.linkedId) {
        form.known = true;
        form.label = c.name;
        form.openCases = pop.openCases || [];
        renderFormHead();
        renderCaseOptions();
      }
      await refreshPending();
    } catch (e) {
      notice(e.message);
    }
  }

  // ---- call controls: each goes to the PBX through aftercare (AMI) and says what the PBX answered ----
  function callNotice(message) { $('call-notice').textContent = message || ''; }

  async function control(path, body, done) {
    if (!current || current.stage !== 'connected' || !me) return null;
    callNotice('');
    try {
      const result = await api('POST', callPath(current, path), Object.assign({ pbxId: current.pbxId, iface: me.iface }, body));
      callNotice(done);
      await refreshMe().catch(() => {});
      return result;
    } catch (e) {
      callNotice(e.message); // the PBX's own refusal, or why aftercare did not send it
      return null;
    }
  }

  async function hold() {
    if (me && me.state === 'on_hold') await control('/unhold', {}, 'The caller is back.');
    else await control('/hold', {}, 'The caller is on hold.');
  }
  $('hold').addEventListener('click', hold);
  $('hang-up').addEventListener('click', () => control('/hangup', {}, 'Hung up.'));
  $('dtmf-send').addEventListener('click', async () => {
    const digits = $('dtmf-digits').value.trim();
    if (!digits) return;
    if (await control('/dtmf', { digits }, 'Keys sent: ' + digits)) $('dtmf-digits').value = '';
  });

  function openTransfer() {
    if (!current || current.stage !== 'connected') return;
    const target = clear($('transfer-target'));
    for (const q of (me && me.transferQueues) || []) target.append(el('option', { value: 'queue:' + q }, 'queue ' + q));
    target.append(el('option', { value: 'agent' }, 'an agent…'));
    $('transfer-agent').hidden = true;
    show('transfer', true);
    target.focus();
  }
  $('transfer-open').addEventListener('click', () => ($('transfer').hidden ? openTransfer() : show('transfer', false)));
  $('transfer-target').addEventListener('change', () => { $('transfer-agent').hidden = $('transfer-target').value !== 'agent'; });
  $('transfer-go').addEventListener('click', async () => {
    const choice = $('transfer-target').value;
    const mode = document.querySelector('input[name="transfer-mode"]:checked').value;
    const body = choice === 'agent' ? { mode, agent: $('transfer-agent').value.trim() }
      : { mode, queue: choice.slice('queue:'.length) };
    const done = await control('/transfer', body, mode === 'blind' ? 'Transferred.'
      : 'Consulting: complete the transfer or go back to the caller.');
    if (done && mode === 'attended') {
      show('transfer-complete', true); show('transfer-cancel', true); show('transfer-go', false);
    } else if (done) {
      show('transfer', false);
    }
  });
  function transferEnded() {
    show('transfer-complete', false); show('transfer-cancel', false); show('transfer-go', true); show('transfer', false);
  }
  $('transfer-complete').addEventListener('click', async () => {
    if (await control('/transfer/complete', {}, 'Transferred.')) transferEnded();
  });
  $('transfer-cancel').addEventListener('click', async () => {
    if (await control('/transfer/cancel', {}, 'Back with the caller.')) transferEnded();
  });

  // ---- follow-ups: voicemails and abandoned callers to call back ----
  const KIND_LABELS = { voicemail: 'Voicemail', abandoned: 'Abandoned' };

  async function refreshFollowUps() {
    try {
      followUps = (await api('GET', '/api/follow-ups?limit=100')).items;
      followUpsAt = performance.now();
    } catch (e) {
      return;
    }
    renderFollowUps();
  }

  function followUpNotice(message) { $('follow-up-notice').textContent = message || ''; }

  function renderFollowUps() {
    const typing = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.outcomeFor : undefined;
    const list = clear($('follow-up-list'));
    const since = (performance.now() - followUpsAt) / 1000;
    for (const f of followUps) {
      const mine = me && f.claimedBy === me.login;
      const who = f.customerName || f.callerName || f.e164 || 'withheld number';
      const buttons = el('span', { class: 'follow-up-actions' });
      if (f.recording) {
        const play = el('button', { type: 'button', class: 'small', 'data-action': 'play' }, 'Play');
        play.addEventListener('click', () => playFollowUp(f));
        buttons.append(play);
      }
      if (f.state === 'open') {
        const claim = el('button', { type: 'button', class: 'small', 'data-action': 'claim' }, 'Claim');
        claim.addEventListener('click', () => actOnFollowUp(f, 'claim', undefined, 'Claimed: it is yours.'));
        buttons.append(claim);
      } else if (mine) {
        const call = el('button', { type: 'button', class: 'small go', 'data-action': 'call', disabled: !f.e164 },
          'Call back');
        call.addEventListener('click', () => actOnFollowUp(f, 'call', undefined,
          'Calling ' + who + ': your phone rings first.'));
        const note = el('input', { maxLength: 500, size: 12, placeholder: 'outcome', ariaLabel: 'Outcome',
          value: outcomes.get(f.id) || '', 'data-outcome-for': f.id });
        note.addEventListener('input', () => outcomes.set(f.id, note.value));
        note.addEventListener('keydown', (event) => { if (event.key === 'Enter') done.click(); });
        const done = el('button', { type: 'button', class: 'small', 'data-action': 'done' }, 'Done');
        done.addEventListener('click', async () => {
          await actOnFollowUp(f, 'done', { outcome: note.value }, 'Done.');
          outcomes.delete(f.id);
        });
        buttons.append(call, note, done);
        if (typing === String(f.id)) setTimeout(() => note.focus());
      }
      const head = el('span', { class: 'grow' },
        el('span', { class: 'kind', 'data-kind': f.kind }, KIND_LABELS[f.kind] || f.kind), ' ', who);
      const facts = [f.queue || 'no queue', 'waiting ' + clock(f.ageSeconds + since)];
      if (f.voicemailSeconds) facts.push(Math.round(f.voicemailSeconds) + ' s message');
      if (f.state === 'claimed') facts.push(mine ? 'yours' : 'claimed by ' + f.claimedBy);
      if (f.callLinkedId && mine) facts.push('called ' + new Date(f.calledAt).toLocaleTimeString());
      list.append(el('li', { 'data-id': f.id, 'data-state': f.state, 'data-mine': String(Boolean(mine)) },
        el('div', { class: 'follow-up-head' }, head, el('span', { class: 'muted small age' }, facts.join(' · '))),
        buttons));
    }
    $('follow-up-count').textContent = followUps.length ? '(' + followUps.length + ')' : '';
    show('follow-up-empty', followUps.length === 0);
  }

  async function actOnFollowUp(f, action, body, done) {
    followUpNotice('');
    try {
      await api('POST', '/api/follow-ups/' + encodeURIComponent(f.id) + '/' + action, body === undefined ? {} : body);
      followUpNotice(done);
    } catch (e) {
      followUpNotice(e.message);
    }
    await refreshFollowUps();
  }

  /** The recording needs the bearer token, which an audio element cannot send: fetched, then played as a blob. */
  async function playFollowUp(f) {
    followUpNotice('');
    try {
      const response = await fetch('/api/follow-ups/' + encodeURIComponent(f.id) + '/recording',
        { headers: { Authorization: 'Bearer ' + token } });
      if (!response.ok) throw new Error(response.status === 404 ? 'The recording is no longer there.' : 'HTTP ' + response.status);
      if (playing) URL.revokeObjectURL(playing.url);
      playing = { id: f.id, url: URL.createObjectURL(await response.blob()) };
      const audio = $('follow-up-audio');
      audio.src = playing.url;
      audio.dataset.followUp = String(f.id);
      audio.hidden = false;
      await audio.play().catch(() => {}); // a browser that refuses autoplay still shows the player
    } catch (e) {
      followUpNotice(e.message);
    }
  }

  $('call-customer').addEventListener('click', async () => {
    if (customerId === null) return;
    try {
      await api('POST', '/api/calls', { customerId });
      notice('Calling the customer: your phone rings first.');
    } catch (e) {
      notice(e.message);
    }
  });

  // ---- keyboard: Alt+R ready, Alt+P pause, Alt+S save, Alt+E extend wrap-up, Alt+N notes, Alt+F search,
  // ---- Alt+H hold, Alt+T transfer ----
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || !me) return;
    const actions = {
      r: ready, p: pause, s: saveDisposition, e: extendWrapUp, h: hold, t: openTransfer,
      n: () => { if (form) { $('wrap-up').scrollIntoView({ block: 'nearest' }); $('notes').focus(); } },
      f: () => (!$('pop').hidden && !$('unknown').hidden ? $('search-text') : $('find-text')).focus(),
    };
    const action = actions[event.key.toLowerCase()];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  window.addEventListener('beforeunload', () => {
    if (form && dirty) { // the page goes: send the last keystrokes the way that survives it
      clearTimeout(draftTimer);
      fetch(callPath(form, '/draft'), { method: 'PUT', keepalive: true, body: JSON.stringify(formBody()),
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token } });
    }
  });

  // ---- boot ----
  if (token) {
    start().catch(() => signedOut(''));
  }
})();
