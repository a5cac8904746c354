// The agent console: sign in, state buttons, the live screen pop from the push channel (SSE), customer search
// (top bar, and the unknown caller's box) and the disposition form. Plain browser JavaScript, no build step.
// Every value from the server reaches the page through textContent or form values, never as HTML: caller names
// and notes are hostile input.
'use strict';

(() => {
  const TOKEN_KEY = 'aftercare.token';
  const QUEUES_KEY = 'aftercare.queues';
  const PAGE = 50; // the pop's first page of orders; the rest come from /api/customers/{id}/orders
  const STATE_LABELS = {
    logged_out: 'Logged out', ready: 'Ready', ringing: 'Ringing', on_call: 'On call', on_hold: 'On hold',
    after_call_work: 'Wrap-up', paused: 'Paused',
  };

  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY);
  let me = null;            // GET /api/agents/me
  let events = null;        // the EventSource
  let retryTimer = null;
  let pollTimer = null;
  let call = null;          // {pbxId, linkedId} of the call on screen
  let customerId = null;    // the customer on screen, for "more orders"
  let ordersShown = 0;
  let queueSignature = '';

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
    show('desk', false); show('who', false); show('push-status', false); show('sign-out', false);
    show('find-form', false); show('find-panel', false);
    show('sign-in', true);
    $('sign-in-error').textContent = message || '';
  }

  async function start() {
    await refreshMe();
    show('sign-in', false); show('desk', true); show('who', true); show('push-status', true); show('sign-out', true);
    show('find-form', true);
    connectPush();
    clearInterval(pollTimer);
    pollTimer = setInterval(() => refreshMe().catch(() => {}), 10000);
  }

  // ---- agent state ----
  async function refreshMe() {
    me = await api('GET', '/api/agents/me');
    text('agent-name', me.name);
    const state = $('agent-state');
    state.dataset.state = me.state;
    state.textContent = STATE_LABELS[me.state] || me.state;
    $('agent-reason').textContent = me.state === 'paused' && me.reason ? me.reason : '';
    renderQueues();
    $('pause').disabled = me.state === 'logged_out';
    $('log-out').disabled = me.state === 'logged_out';
    return me;
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

  $('ready').addEventListener('click', async () => {
    if (!me) return;
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
      await command('/api/agents/wrapup-done', { iface: me.iface }, 'Ready.');
    } else {
      await command('/api/agents/unpause', { iface: me.iface }, 'Ready.');
    }
  });
  $('pause').addEventListener('click', () =>
    command('/api/agents/pause', { iface: me.iface, reason: $('pause-reason').value }, 'Paused.'));
  $('log-out').addEventListener('click', () =>
    command('/api/agents/logout', { iface: me.iface, queues: me.queues }, 'Logged out of your queues.'));

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

  function onRinging(r) {
    call = { pbxId: r.call.pbxId, linkedId: r.call.linkedId };
    text('ringing-caller', callerOf(r.call));
    $('ringing-customer').textContent = r.customer ? r.customer.name + ' · ' + r.customer.tier : 'Unknown caller';
    $('ringing-reason').textContent = r.routing ? r.routing.reason : '';
    show('ringing', true);
    show('idle', false);
    refreshMe().catch(() => {});
  }

  function onConnected(p) {
    call = { pbxId: p.call.pbxId, linkedId: p.call.linkedId };
    show('ringing', false); show('idle', false); show('wrap-up', false);
    renderPop(p);
    show('pop', true);
    refreshMe().catch(() => {});
  }

  function onWrapUp(w) {
    call = { pbxId: w.call.pbxId, linkedId: w.call.linkedId };
    show('ringing', false); show('idle', false);
    if ($('pop').hidden) { // reconnected after the call: show at least who it was
      renderCustomer(w.customer, w.call, null);
      show('pop', true);
    }
    renderWrapUp(w);
    show('wrap-up', true);
    refreshMe().catch(() => {});
  }

  function onMissed() {
    call = null;
    show('ringing', false);
    if ($('pop').hidden) show('idle', true);
    notice('Missed call: the caller went to another agent.');
    refreshMe().catch(() => {});
  }

  // ---- the screen pop ----
  function renderCustomer(customer, c, routing) {
    if (customer) {
      $('customer-name').textContent = customer.name;
      const tier = clear($('customer-tier'));
      tier.append(el('span', { class: 'tier', 'data-tier': customer.tier }, customer.tier));
      text('customer-language', customer.language);
      text('customer-phones', (customer.phones || []).join(', '));
      customerId = customer.id;
    } else {
      $('customer-name').textContent = 'Unknown caller';
      text('customer-tier', ''); text('customer-language', ''); text('customer-phones', '');
      customerId = null;
    }
    text('call-caller', callerOf(c));
    text('call-queue', c && c.queue);
    text('routing-reason', routing ? routing.reason + (routing.fallback ? ' (fallback)' : '') : '');
  }

  function renderPop(p) {
    renderCustomer(p.customer, p.call, p.routing);
    show('unknown', !p.customer);
    clear($('search-results'));
    renderWarranties(p.warranties || []);
    renderCases($('open-cases'), p.openCases || [], 'No open case.');
    renderCases($('recent-cases'), p.recentCases || [], 'None.');
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
    appendOrders(p.orders || []);
    show('more-orders', Boolean(p.moreOrders) && customerId !== null);
  }

  function renderWarranties(list) {
    const body = clear($('warranties'));
    for (const w of list) {
      body.append(el('tr', {}, el('td', { class: 'serials' }, w.serialNumber), el('td', {}, w.sku),
        el('td', {}, w.plan || ''), el('td', { class: 'status-' + w.status }, w.status), el('td', {}, w.daysLeft)));
    }
    if (!list.length) body.append(el('tr', {}, el('td', { class: 'muted', colSpan: 5 }, 'No warranty.')));
  }

  function renderCases(list, cases, empty) {
    clear(list);
    for (const c of cases) {
      list.append(el('li', {}, '#' + c.id + ' ', el('strong', {}, c.type), ' · ', c.status,
        c.subject ? ' · ' + c.subject : '', c.serialNumber ? ' · ' : '',
        c.serialNumber ? el('span', { class: 'serials' }, c.serialNumber) : null));
    }
    if (!cases.length) list.append(el('li', { class: 'muted' }, empty));
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
      const more = await api('GET', '/api/customers/' + encodeURIComponent(customerId) + '/orders?offset=' + ordersShown
        + '&limit=' + PAGE);
      appendOrders(more);
      show('more-orders', more.length === PAGE);
    } catch (e) {
      notice(e.message);
    }
  });

  // ---- customer search: the top bar at any time, the unknown caller's box during a call ----
  const MATCHED_BY = { phone: 'phone', order: 'order', serial: 'serial', name: 'name', email: 'e-mail' };

  async function search(q, list) {
    clear(list);
    try {
      const found = await api('GET', '/api/search?q=' + encodeURIComponent(q));
      for (const c of found.customers) {
        const pick = el('button', { type: 'button', class: 'link' }, 'Show');
        pick.addEventListener('click', () => showFound(c));
        const why = c.matches.map((m) => MATCHED_BY[m.by] + ' ' + m.value + (m.exact ? '' : ' (partial)'));
        list.append(el('li', { class: 'found', 'data-customer-id': c.id },
          el('strong', {}, c.name), ' · ', el('span', { class: 'tier', 'data-tier': c.tier }, c.tier), ' · ',
          (c.phones || []).map((p) => p.e164).join(', ') || 'no phone', ' ', pick,
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
    search($('search-text').value.trim(), $('search-results'));
  });
  $('find-form').addEventListener('submit', (event) => {
    event.preventDefault();
    show('find-panel', true);
    search($('find-text').value.trim(), $('find-results'));
  });
  $('find-close').addEventListener('click', () => { show('find-panel', false); clear($('find-results')); });

  async function showFound(c) {
    try {
      const [orders, warranties, cases] = await Promise.all([
        api('GET', '/api/customers/' + encodeURIComponent(c.id) + '/orders?limit=' + PAGE),
        api('GET', '/api/warranties?customerId=' + encodeURIComponent(c.id)),
        api('GET', '/api/cases?customerId=' + encodeURIComponent(c.id)),
      ]);
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
      appendOrders(orders);
      show('more-orders', orders.length === PAGE);
      // Contacts and suggestions come with a call's pop only: never leave another customer's on screen.
      clear($('last-contacts')).append(el('li', { class: 'muted' }, 'Not loaded for a customer found by search.'));
      clear($('accessories')).append(el('li', { class: 'muted' }, 'Not loaded for a customer found by search.'));
      if (call && !$('unknown').hidden) {
        notice('Found by search; the call record still shows the caller as unknown.');
      } else if (!call) { // no call on screen: the pop area shows this customer alone
        text('call-caller', ''); text('call-queue', ''); text('routing-reason', '');
        show('unknown', false); show('idle', false); show('pop', true);
        notice('Showing ' + c.name + ', found by search.');
      } else {
        notice('Showing ' + c.name + ', found by search; the pop of the call is replaced until the next call.');
      }
      show('find-panel', false);
    } catch (e) {
      notice(e.message);
    }
  }

  // ---- disposition ----
  function renderWrapUp(w) {
    const reasons = clear($('reason-code'));
    reasons.append(el('option', { value: '' }, 'Choose a reason…'));
    for (const r of w.reasons || []) reasons.append(el('option', { value: r.code }, r.label));
    const cases = clear($('case-link'));
    for (const c of w.openCases || []) {
      cases.append(el('option', { value: String(c.id) }, '#' + c.id + ' ' + c.type + (c.subject ? ' · ' + c.subject : '')));
    }
    const canLink = (w.openCases || []).length > 0;
    const known = Boolean(w.customer);
    document.querySelector('input[name="case-mode"][value="link"]').disabled = !canLink || !known;
    document.querySelector('input[name="case-mode"][value="new"]').disabled = !known;
    document.querySelector('input[name="case-mode"][value="none"]').checked = true;
    for (const radio of document.querySelectorAll('input[name="resolved"]')) radio.checked = false;
    $('notes').value = '';
    $('case-serial').value = ''; $('case-sku').value = ''; $('case-subject').value = '';
    $('notes-count').textContent = '0';
    $('disposition-error').textContent = '';
    caseModeChanged();
  }

  function caseModeChanged() {
    const mode = document.querySelector('input[name="case-mode"]:checked').value;
    show('new-case', mode === 'new');
    $('case-link').disabled = mode !== 'link';
  }
  for (const radio of document.querySelectorAll('input[name="case-mode"]')) radio.addEventListener('change', caseModeChanged);
  $('notes').addEventListener('input', () => { $('notes-count').textContent = String($('notes').value.length); });

  $('disposition-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!call) return;
    const resolved = document.querySelector('input[name="resolved"]:checked');
    const body = {
      pbxId: call.pbxId,
      reasonCode: $('reason-code').value,
      resolved: resolved ? resolved.value === 'true' : null,
      notes: $('notes').value,
    };
    const mode = document.querySelector('input[name="case-mode"]:checked').value;
    if (mode === 'link') body.caseId = Number($('case-link').value);
    if (mode === 'new') {
      body.newCase = { type: $('case-type').value, subject: $('case-subject').value || null,
        sku: $('case-sku').value || null, serialNumber: $('case-serial').value || null };
    }
    $('save-disposition').disabled = true;
    $('disposition-error').textContent = '';
    try {
      const saved = await api('POST', '/api/calls/' + encodeURIComponent(call.linkedId) + '/disposition', body);
      call = null;
      show('wrap-up', false); show('pop', false); show('idle', true);
      notice('Disposition saved' + (saved && saved.caseId ? ' (case #' + saved.caseId + ')' : '') + '.');
      await refreshMe().catch(() => {});
    } catch (e) {
      $('disposition-error').textContent = e.message;
    } finally {
      $('save-disposition').disabled = false;
    }
  });

  // ---- boot ----
  if (token) {
    start().catch(() => signedOut(''));
  }
})();
