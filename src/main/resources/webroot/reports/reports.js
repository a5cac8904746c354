// The supervisors' report page: reads /api/reports/queues, /agents and /surveys (JSON) with the filters chosen,
// draws the charts as plain SVG and offers the same reports as CSV. Filters can be given in the address after #
// (from, to: dates, to included; zone; interval=hour|day|week; queue=a,b; agent=x,y) and are written back there.
// Signs in like the console (the same session token in sessionStorage).
(() => {
  'use strict';
  const TOKEN_KEY = 'aftercare.token';
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY);
  let queueNames = [];
  let agentNames = new Map(); // member interface -> "Name (login)"
  let shown = null; // the data on the page

  // ---- formatting: durations arrive in seconds, rates 0-1, NPS as a score -------------------------------------
  const pct = (r) => (r === null || r === undefined ? '–' : (100 * r).toFixed(r >= 0.9995 || r === 0 ? 0 : 1) + ' %');
  const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en'));
  const score = (s) => (s === null || s === undefined ? '–' : (s > 0 ? '+' : '') + s.toFixed(0));
  function mmss(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    const s = Math.round(seconds);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }
  const secs = (s) => (s === null || s === undefined ? '–' : s.toFixed(s < 10 ? 1 : 0) + ' s');

  // ---- filters --------------------------------------------------------------------------------------------------
  const isoDate = (d) => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'
      + String(d.getDate()).padStart(2, '0');
  function nextDay(date) {
    const d = new Date(date + 'T12:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  function checked(listId) {
    return [...$(listId).querySelectorAll('input:checked')].map((i) => i.value);
  }
  function filters() {
    return { from: $('from').value, to: $('to').value, zone: $('zone').value.trim(), interval: $('interval').value,
      queues: checked('queue-list'), agents: checked('agent-list') };
  }
  /** The API's query string: {@code to} is exclusive there, so the day after the last day shown. */
  function query(f, extra) {
    const p = new URLSearchParams({ from: f.from, to: nextDay(f.to), zone: f.zone });
    Object.entries(extra).forEach(([k, v]) => { if (v !== undefined && v !== '') p.set(k, v); });
    return p.toString();
  }
  function urls(f) {
    const queue = f.queues.join(',');
    const agent = f.agents.join(',');
    return {
      queues: '/api/reports/queues?' + query(f, { interval: f.interval, queue }),
      agents: '/api/reports/agents?' + query(f, { interval: f.interval, agent }),
      agentsTotal: '/api/reports/agents?' + query(f, { interval: 'total', agent }),
      surveysQueue: '/api/reports/surveys?' + query(f, { group: 'queue', queue, agent }),
      surveysAgent: '/api/reports/surveys?' + query(f, { group: 'agent', queue, agent }),
      surveysAnswer: '/api/reports/surveys?' + query(f, { group: 'question', queue, agent }),
    };
  }
  function fromAddress() {
    const p = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
    const today = new Date();
    const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
    $('from').value = p.get('from') || isoDate(weekAgo);
    $('to').value = p.get('to') || isoDate(today);
    $('zone').value = p.get('zone') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    if (['hour', 'day', 'week'].includes(p.get('interval'))) $('interval').value = p.get('interval');
    return { queues: (p.get('queue') || '').split(',').filter(Boolean), agents: (p.get('agent') || '').split(',').filter(Boolean) };
  }
  function toAddress(f) {
    const p = new URLSearchParams({ from: f.from, to: f.to, zone: f.zone, interval: f.interval });
    if (f.queues.length) p.set('queue', f.queues.join(','));
    if (f.agents.length) p.set('agent', f.agents.join(','));
    history.replaceState(null, '', '#' + p.toString());
  }
  function fillPick(listId, summaryId, items, wanted) {
    const list = $(listId);
    list.replaceChildren(...items.map(([value, text]) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = value;
      box.checked = wanted.includes(value);
      box.addEventListener('change', () => summarize(listId, summaryId));
      label.append(box, ' ' + text);
      return label;
    }));
    summarize(listId, summaryId);
  }
  function summarize(listId, summaryId) {
    const chosen = checked(listId);
    $(summaryId).textContent = chosen.length ? chosen.join(', ') : 'all';
  }

  // ---- API --------------------------------------------------------------------------------------------------------
  class HttpError extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }
  async function api(url) {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + token } });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new HttpError(response.status, detail);
    }
    return response.json();
  }

  // ---- combining queues: each figure is a ratio of sums, so the rows' counts give the exact combined figure.
  // Service level as the wallboard shows it: serviceLevelOffered (short abandons and time-outs in neither part).
  function combine(rows) {
    const t = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, timedOut: 0, lostTrack: 0, waiting: 0,
      within: 0, handled: 0, wait: 0, talk: 0, hold: 0, wrapup: 0 };
    rows.forEach((r) => {
      const c = r.calls;
      ['offered', 'answered', 'abandoned', 'shortAbandoned', 'timedOut', 'lostTrack', 'waiting', 'handled']
          .forEach((k) => { t[k] += c[k]; });
      t.within += c.answeredWithinThreshold;
      t.wait += (c.asaSeconds || 0) * c.answered;
      t.talk += (c.talkSeconds || 0) * c.handled;
      t.hold += (c.holdSeconds || 0) * c.handled;
      t.wrapup += (c.wrapupSeconds || 0) * c.handled;
    });
    const ratio = (a, b) => (b ? a / b : null);
    return Object.assign(t, {
      serviceLevel: ratio(t.within, t.answered + t.abandoned), abandonRate: ratio(t.abandoned, t.answered + t.abandoned),
      asa: ratio(t.wait, t.answered), aht: ratio(t.talk + t.hold + t.wrapup, t.handled),
      talkMean: ratio(t.talk, t.handled), holdMean: ratio(t.hold, t.handled), wrapMean: ratio(t.wrapup, t.handled),
    });
  }
  function byBucket(rows) {
    const buckets = new Map();
    rows.forEach((r) => {
      if (!buckets.has(r.start)) buckets.set(r.start, { label: r.localStart, rows: [] });
      buckets.get(r.start).rows.push(r);
    });
    return [...buckets.values()].map((b) => Object.assign(combine(b.rows), { label: b.label }));
  }

  // ---- bucket labels: the rows' local start in the chosen zone, e.g. 2026-01-05T09:00:00+01:00 ---------------------
  const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function dayText(local) {
    const d = new Date(local.slice(0, 10) + 'T12:00:00Z');
    return DAYS[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()];
  }
  function label(local, interval, previous) {
    if (interval === 'answer') return [local];
    if (interval === 'hour') {
      const hour = local.slice(11, 16);
      return !previous || previous.slice(0, 10) !== local.slice(0, 10) ? [hour, dayText(local)] : [hour];
    }
    return [interval === 'week' ? 'w/c ' + dayText(local) : dayText(local)];
  }

  // ---- charts: plain SVG ------------------------------------------------------------------------------------------
  function el(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /** The axis step: the first of {@code steps} (default 1, 2, 5 x 10^n) giving at most 5 gridlines to {@code v}. */
  function axisStep(v, steps) {
    const want = Math.max(v, 1e-9) / 5;
    if (steps) return steps.find((s) => s >= want) || steps[steps.length - 1] * Math.ceil(want / steps[steps.length - 1]);
    const p = Math.pow(10, Math.floor(Math.log10(want)));
    return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= want);
  }
  const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000];
  const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  /**
   * Draws series over buckets: kind 'stack' (bars stacked), 'line'. series: [{name, color, values, kind}];
   * yMax fixed (e.g. 1 for rates) or from the data; yText formats the axis.
   */
  function chart(svg, buckets, interval, series, opts) {
    const width = svg.clientWidth || 600;
    const height = svg.clientHeight || 220;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.replaceChildren();
    const left = 48, right = 10, margin = 10, bottom = interval === 'hour' ? 34 : 22;
    const w = width - left - right, h = height - margin - bottom;
    const stacks = series.filter((s) => s.kind === 'stack');
    const totals = buckets.map((_, i) => stacks.reduce((a, s) => a + (s.values[i] || 0), 0));
    const lineMax = Math.max(0, ...series.filter((s) => s.kind === 'line')
        .flatMap((s) => s.values.filter((v) => v !== null)));
    const top = Math.max(Math.max(0, ...totals), lineMax);
    const stepY = opts.yMax ? opts.yMax / 4 : axisStep(top, opts.steps);
    const max = opts.yMax || stepY * Math.max(1, Math.ceil(top / stepY));
    const y = (v) => margin + h - (v / max) * h;
    for (let v = 0; v <= max + 1e-9; v += stepY) {
      svg.append(el('line', { x1: left, x2: left + w, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }));
      svg.append(el('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, opts.yText(v)));
    }
    if (!buckets.length || (!totals.some((t) => t > 0) && !series.some((s) => s.kind === 'line'
        && s.values.some((v) => v !== null)))) {
      svg.append(el('text', { x: left + w / 2, y: margin + h / 2, 'text-anchor': 'middle', class: 'empty' },
          opts.empty || 'No calls in this interval'));
      return;
    }
    const step = w / buckets.length;
    const every = interval === 'answer' ? 1 : Math.max(1, Math.ceil(buckets.length / Math.max(1, Math.floor(w / (interval === 'hour' ? 38 : 70)))));
    buckets.forEach((b, i) => {
      const x = left + i * step;
      const lines = label(b.label, interval, i ? buckets[i - 1].label : null);
      if (i % every === 0 || lines.length > 1) {
        lines.forEach((t, n) => svg.append(el('text', { x: x + step / 2, y: margin + h + 13 + n * 12,
          'text-anchor': 'middle' }, i % every === 0 || n > 0 ? t : '')));
      }
      let base = 0;
      stacks.forEach((s) => {
        const v = s.values[i] || 0;
        if (v > 0) {
          const bar = el('rect', { x: x + step * 0.12, width: Math.max(1, step * 0.76), y: y(base + v),
            height: Math.max(0.5, y(base) - y(base + v)), fill: s.color, class: 'bar', 'data-series': s.name });
          bar.append(el('title', {}, lines.join(' ') + ' · ' + s.name + ': ' + opts.valueText(v)));
          svg.append(bar);
        }
        base += v;
      });
    });
    series.filter((s) => s.kind === 'line').forEach((s) => {
      let d = '';
      s.values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        const x = left + (i + 0.5) * step;
        d += (d && s.values[i - 1] !== null && s.values[i - 1] !== undefined ? ' L' : ' M') + x.toFixed(1) + ' '
            + y(v).toFixed(1);
        const dot = el('circle', { cx: x, cy: y(v), r: buckets.length > 60 ? 2 : 3.5, fill: s.color, class: 'dot',
          'data-series': s.name });
        dot.append(el('title', {}, label(buckets[i].label, interval, null).join(' ') + ' · ' + s.name + ': '
            + opts.valueText(v)));
        svg.append(dot);
      });
      if (d) svg.insertBefore(el('path', { d: d.trim(), stroke: s.color, class: 'line' }), svg.querySelector('circle'));
    });
    if (opts.target) {
      svg.append(el('line', { x1: left, x2: left + w, y1: y(opts.target), y2: y(opts.target), stroke: '#667085',
        'stroke-dasharray': '4 4' }));
    }
  }
  function legend(id, series) {
    $(id).replaceChildren(...series.map((s) => {
      const span = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = s.color;
      span.append(swatch, s.name);
      return span;
    }));
  }
  const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

  function drawCharts(buckets, interval) {
    const col = (k) => buckets.map((b) => b[k]);
    const calls = [
      { name: 'answered', color: css('--answered'), values: col('answered'), kind: 'stack' },
      { name: 'abandoned', color: css('--abandoned'), values: col('abandoned'), kind: 'stack' },
      { name: 'short abandoned', color: css('--short'), values: col('shortAbandoned'), kind: 'stack' },
      { name: 'timed out', color: css('--timedout'), values: col('timedOut'), kind: 'stack' },
      { name: 'other (waiting, link lost)', color: css('--other'),
        values: buckets.map((b) => b.lostTrack + b.waiting), kind: 'stack' },
    ];
    chart($('chart-calls'), buckets, interval, calls, { steps: COUNT_STEPS, yText: (v) => num(Math.round(v)), valueText: (v) => v + ' calls' });
    legend('legend-calls', calls);
    const sl = [
      { name: 'service level (answered within target / (answered + abandoned))', color: css('--answered'),
        values: col('serviceLevel'), kind: 'line' },
      { name: 'abandon rate (abandoned / (answered + abandoned))', color: css('--abandoned'),
        values: col('abandonRate'), kind: 'line' },
    ];
    chart($('chart-sl'), buckets, interval, sl, { yMax: 1, yText: (v) => Math.round(100 * v) + ' %', valueText: pct });
    legend('legend-sl', sl);
    const asa = [{ name: 'ASA: mean queue wait of answered calls', color: css('--accent'), values: col('asa'),
      kind: 'line' }];
    chart($('chart-asa'), buckets, interval, asa, { steps: SECOND_STEPS, yText: (v) => Math.round(v) + ' s', valueText: secs });
    legend('legend-asa', asa);
    const aht = [
      { name: 'talk', color: css('--talk'), values: col('talkMean'), kind: 'stack' },
      { name: 'hold', color: css('--hold'), values: col('holdMean'), kind: 'stack' },
      { name: 'after-call work', color: css('--acw'), values: col('wrapMean'), kind: 'stack' },
    ];
    chart($('chart-aht'), buckets, interval, aht, { steps: SECOND_STEPS, yText: mmss, valueText: mmss });
    legend('legend-aht', aht);
  }

  function drawTotals(t) {
    const figures = [['offered', num(t.offered)], ['answered', num(t.answered)], ['abandoned', num(t.abandoned)],
      ['short abandoned', num(t.shortAbandoned)], ['timed out', num(t.timedOut)], ['service level', pct(t.serviceLevel)],
      ['abandon rate', pct(t.abandonRate)], ['ASA', secs(t.asa)], ['AHT', mmss(t.aht)]];
    $('totals').replaceChildren(...figures.map(([name, value]) => {
      const div = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = name;
      dd.textContent = value;
      dd.dataset.fig = name;
      div.append(dt, dd);
      return div;
    }));
  }

  function cells(tr, values) {
    values.forEach(([text, numeric, title]) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (numeric) td.className = 'n';
      else td.className = 'name';
      if (title) td.title = title;
      tr.append(td);
    });
  }
  function drawAgents(rows) {
    rows.sort((a, b) => b.handling.handled - a.handling.handled || a.agent.localeCompare(b.agent));
    $('agents').tBodies[0].replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.agent = r.agent;
      const h = r.handling;
      const s = r.survey;
      const f = r.fcr;
      cells(tr, [[agentNames.get(r.agent) || r.agent, false, r.agent], [num(h.handled), true],
        [mmss(h.ahtSeconds), true], [mmss(h.talkSeconds), true], [mmss(h.holdSeconds), true],
        [mmss(h.wrapupSeconds), true],
        [pct(f.rate), true, f.resolved + ' resolved, ' + f.repeated + ' repeated, ' + f.pending + ' pending'],
        [pct(r.occupancy), true], [num(s ? s.surveys : 0), true], [pct(s ? s.csat : null), true],
        [score(s ? s.nps : null), true]]);
      return tr;
    }));
    $('agents-empty').hidden = rows.length > 0;
  }
  function drawSurveys(groups, answers) {
    $('surveys').tBodies[0].replaceChildren(...groups.map((g) => {
      const tr = document.createElement('tr');
      cells(tr, [[g.group || '(after-sales, no queue)', false], [num(g.surveys), true],
        [pct(g.csat) + ' (' + g.csatAnswers + ')', true], [score(g.nps) + ' (' + g.npsAnswers + ')', true],
        [pct(g.resolvedRate) + ' (' + g.resolvedAnswers + ')', true]]);
      return tr;
    }));
    if (!groups.length) {
      const tr = document.createElement('tr');
      cells(tr, [['No survey answered in this interval', false]]);
      tr.firstChild.colSpan = 5;
      $('surveys').tBodies[0].append(tr);
    }
    const bars = (question, svgId, color) => {
      const rows = answers.filter((a) => a.question === question);
      const buckets = rows.map((a) => ({ label: a.answer }));
      chart($(svgId), buckets, 'answer', [{ name: question.toUpperCase() + ' ' + 'answers', color,
        values: rows.map((a) => a.count), kind: 'stack' }], { steps: COUNT_STEPS, empty: 'No answers', yText: (v) => num(Math.round(v)),
        valueText: (v) => v + ' surveys' });
    };
    bars('csat', 'chart-csat', css('--accent'));
    bars('nps', 'chart-nps', css('--hold'));
  }

  // ---- CSV links: the same URL with format=csv, fetched with the token (a plain link carries none) ---------------
  function csvLink(id, url, name) {
    const a = $(id);
    a.href = url + '&format=csv';
    a.download = name;
  }
  document.addEventListener('click', async (e) => {
    const a = e.target.closest('a.csv');
    if (!a) return;
    e.preventDefault();
    try {
      const response = await fetch(a.href, { headers: { Authorization: 'Bearer ' + token } });
      if (!response.ok) throw new HttpError(response.status, response.statusText);
      const blob = URL.createObjectURL(await response.blob());
      const save = document.createElement('a');
      save.href = blob;
      save.download = a.download;
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(blob), 10000);
    } catch (err) {
      status('CSV download failed: ' + err.message, true);
    }
  });

  function status(text, error) {
    $('status').textContent = text;
    $('status').dataset.error = error ? 'true' : 'false';
  }

  async function load() {
    const f = filters();
    if (!f.from || !f.to || f.from > f.to) { status('Choose a From date on or before the To date.', true); return; }
    toAddress(f);
    const u = urls(f);
    const per = f.interval;
    document.querySelectorAll('.per').forEach((e) => { e.textContent = per; });
    csvLink('csv-queues', u.queues, 'queues-per-' + per + '.csv');
    csvLink('csv-agents', u.agents, 'agents-per-' + per + '.csv');
    csvLink('csv-agents-total', u.agentsTotal, 'agents.csv');
    csvLink('csv-surveys-queue', u.surveysQueue, 'surveys-by-queue.csv');
    csvLink('csv-surveys-agent', u.surveysAgent, 'surveys-by-agent.csv');
    csvLink('csv-surveys-answer', u.surveysAnswer, 'survey-answers.csv');
    status('Loading…');
    document.body.dataset.loaded = 'false';
    try {
      const [queues, agents, groups, answers] = await Promise.all([api(u.queues), api(u.agentsTotal),
        api(u.surveysQueue), api(u.surveysAnswer)]);
      $('totals-scope').textContent = (f.queues.length ? f.queues.join(', ') : 'all queues') + ', ' + f.from
          + ' to ' + f.to + ' (' + f.zone + ')';
      drawTotals(combine(queues));
      drawAgents(agents);
      shown = { buckets: byBucket(queues), per, groups, answers };
      draw();
      status('');
      document.body.dataset.loaded = 'true';
    } catch (err) {
      failed(err);
    }
  }

  /** The charts, again on resize (their size follows the window's). */
  function draw() {
    if (!shown) return;
    drawCharts(shown.buckets, shown.per);
    drawSurveys(shown.groups, shown.answers);
  }

  function failed(err) {
    if (err.status === 401) { signOut('Please sign in again.'); return; }
    if (err.status === 403) { show('forbidden'); $('forbidden-status').textContent = '403 ' + err.message; return; }
    status(err.message, true);
  }

  function show(part) {
    ['sign-in', 'forbidden', 'report'].forEach((p) => { $(p).hidden = p !== part; });
    $('sign-out').hidden = part === 'sign-in';
  }
  function signOut(message) {
    if (token) fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + token } }).catch(() => {});
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    $('who').textContent = '';
    $('sign-in-error').textContent = message || '';
    show('sign-in');
  }

  async function start() {
    try {
      const me = await api('/api/auth/me');
      $('who').textContent = 'Signed in as ' + me.username + ' (' + String(me.role).toLowerCase() + ')';
      const [queues, profiles] = await Promise.all([api('/api/queues'), api('/api/agent-profiles')]);
      queueNames = queues.map((q) => q.name);
      profiles.forEach((p) => agentNames.set(p.memberInterface, p.name + ' (' + p.login + ')'));
      const wanted = fromAddress();
      fillPick('queue-list', 'queue-summary', queueNames.map((n) => [n, n]), wanted.queues);
      fillPick('agent-list', 'agent-summary', profiles.map((p) => [p.login, p.name + ' (' + p.login + ')']),
          wanted.agents);
      show('report');
      await load();
    } catch (err) {
      failed(err);
    }
  }

  $('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const response = await fetch('/api/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }),
    });
    if (!response.ok) { $('sign-in-error').textContent = 'Sign-in failed.'; return; }
    token = (await response.json()).token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('password').value = '';
    start();
  });
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('sign-out').addEventListener('click', () => signOut(''));
  let resized;
  window.addEventListener('resize', () => { clearTimeout(resized); resized = setTimeout(draw, 200); });
  if (Intl.supportedValuesOf) {
    $('zones').replaceChildren(...Intl.supportedValuesOf('timeZone').map((z) => Object.assign(document.createElement('option'), { value: z })));
  }
  if (token) start(); else show('sign-in');
})();
