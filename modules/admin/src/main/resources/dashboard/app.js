// Holdfast dashboard: one EventSource carries a frame every sample period (status document, rates of
// the last interval, advice); the 5-minute history is backfilled when the stream opens. No framework,
// no build step; the page never writes HTML from data (textContent only) and uses no inline styles,
// so its Content-Security-Policy needs no 'unsafe-inline'.
'use strict';

(() => {
  const SPAN_MS = 5 * 60 * 1000;
  const TOKEN_KEY = 'holdfast.adminToken';
  const CLOSE_REASONS = ['idle-timeout', 'requests-limit', 'lifetime', 'client', 'error', 'refused', 'shutdown',
    'header-timeout', 'body-timeout', 'send-timeout', 'bad-request', 'upstream'];
  const COLOURS = 8;

  const rates = []; // rates of each sampled interval, oldest first
  let latest = null; // the newest whole frame
  let adviceShown = null;
  let historyShownFor = null;
  let pendingWithToken = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    return node;
  }

  function fmt(value, digits) {
    if (value === null || value === undefined || Number.isNaN(value)) return '–';
    if (digits === undefined) return String(value);
    return Number(value).toFixed(digits);
  }

  // ---- admin token (only config writes and history need it; status data is open) ----

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function authHeaders(extra) {
    const headers = Object.assign({}, extra);
    const t = token();
    if (t) headers.Authorization = 'Bearer ' + t;
    return headers;
  }

  function askForToken(retry) {
    pendingWithToken = retry;
    $('token-form').hidden = false;
    $('token-input').focus();
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value);
    $('token-input').value = '';
    $('token-form').hidden = true;
    $('token-forget').hidden = false;
    const retry = pendingWithToken;
    pendingWithToken = null;
    historyShownFor = null;
    if (retry) retry();
  });

  $('token-forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    $('token-forget').hidden = true;
    historyShownFor = null;
    refreshHistory();
  });

  function log(text, isError) {
    const node = $('action-log');
    node.textContent = text;
    node.hidden = false;
    node.classList.toggle('error', Boolean(isError));
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      if (body && Array.isArray(body.errors)) {
        return body.errors.map((e) => (e.path ? e.path + ': ' : '') + e.message).join('; ');
      }
    } catch (ignored) {
      // not JSON: the status says enough
    }
    return 'HTTP ' + response.status;
  }

  // ---- the stream ----

  function connect() {
    const source = new EventSource('/dashboard/stream');
    source.addEventListener('open', () => setState(true));
    source.addEventListener('error', () => setState(false));
    source.addEventListener('history', (event) => {
      const history = JSON.parse(event.data);
      rates.length = 0;
      history.frames.forEach(addRates);
      if (history.latest) {
        latest = history.latest;
        addRates(latest.rates);
      }
      render();
    });
    source.addEventListener('sample', (event) => {
      latest = JSON.parse(event.data);
      addRates(latest.rates);
      render();
    });
  }

  function setState(live) {
    const node = $('stream-state');
    node.textContent = live ? 'live' : 'reconnecting…';
    node.className = 'state ' + (live ? 'live' : 'connecting');
  }

  function addRates(r) {
    if (!r || (rates.length && rates[rates.length - 1].at >= r.at)) return;
    rates.push(r);
    while (rates.length && rates[0].at < r.at - SPAN_MS) rates.shift();
  }

  function render() {
    if (!latest) return;
    renderHeader(latest.status);
    renderListeners(latest.status, latest.rates);
    renderServers(latest.status, latest.rates);
    renderAdvice(latest.advice, latest.status.config.version);
    renderCharts();
    if (historyShownFor !== latest.status.config.version) refreshHistory();
    refreshFleet();
  }

  function renderHeader(status) {
    const r = status.runtime;
    $('runtime').textContent = 'v' + r.version + ' · ' + r.transport + ' · up ' + uptime(r.uptimeSeconds)
      + ' · ' + status.instances + (status.instances === 1 ? ' instance' : ' instances');
    $('config-version').textContent = 'v' + status.config.version;
    $('config-source').textContent = status.config.source;
    $('config-applied').textContent = status.config.appliedAt;
    if (latest.tokenRequired && !token() && $('token-form').hidden) $('token-form').hidden = false;
    $('token-forget').hidden = !token();
  }

  function uptime(seconds) {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return (d ? d + 'd ' : '') + (d || h ? h + 'h ' : '') + m + 'm';
  }

  function cell(figure, value, digits, cls) {
    return el('td', { 'data-figure': figure, class: cls }, fmt(value, digits));
  }

  function renderListeners(status, interval) {
    const body = $('listeners').tBodies[0];
    body.replaceChildren();
    for (const [name, l] of Object.entries(status.listeners)) {
      const r = (interval && interval.listeners[name]) || {};
      const row = el('tr', { 'data-listener': name },
        el('td', {}, name), cell('active', l.active), cell('reading', l.reading), cell('writing', l.writing),
        cell('waiting', l.waiting), cell('requestsPerSec', r.requestsPerSec, 1),
        cell('newConnectionsPerSec', r.newConnectionsPerSec, 1), cell('requests', l.requests),
        cell('accepted', l.accepted));
      for (const reason of CLOSE_REASONS) row.append(cell('closed.' + reason, l.closed[reason]));
      body.append(row);
    }
  }

  function renderServers(status, interval) {
    const body = $('servers').tBodies[0];
    body.replaceChildren();
    for (const [upstream, u] of Object.entries(status.upstreams)) {
      for (const [server, s] of Object.entries(u.servers)) {
        const r = (interval && interval.upstreams[upstream] && interval.upstreams[upstream].servers[server]) || {};
        body.append(el('tr', { 'data-upstream': upstream, 'data-server': server },
          el('td', {}, upstream), el('td', {}, server),
          cell('state', s.down ? 'down' : 'up', undefined, s.down ? 'down' : 'up'),
          cell('active', s.active), cell('idle', s.idle), cell('lingering', s.lingering),
          cell('peakActive', s.peakActive), cell('requestsPerSec', r.requestsPerSec, 1),
          cell('reusePercent', r.reusePercent, 1), cell('newConnectionsPer100', r.newConnectionsPer100, 1),
          cell('p50Ms', r.p50Ms, 2), cell('p99Ms', r.p99Ms, 2), cell('requests', s.requests),
          cell('reuseRatio', s.reuseRatio), cell('opened', s.opened), cell('retried', s.retried),
          cell('failures', s.failures), cell('idleClosedByUpstream', s.idleClosedByUpstream)));
      }
    }
  }

  // ---- advice ----

  function renderAdvice(advice, version) {
    const shown = JSON.stringify(advice.map((a) => [a.key, a.current, a.suggested]));
    if (shown === adviceShown) return;
    adviceShown = shown;
    const container = $('advice');
    container.replaceChildren();
    if (!advice.length) {
      container.append(el('p', { class: 'muted', id: 'no-advice' },
        'Nothing to say: the keepalive limits fit the traffic seen (or there has not been enough of it yet).'));
      return;
    }
    for (const a of advice) {
      const result = el('span', { class: 'apply-result' });
      const button = el('button', { class: 'apply', type: 'button' }, 'Apply ' + a.suggested);
      button.addEventListener('click', () => apply(a, version, button, result));
      const evidence = el('dl');
      for (const [k, v] of Object.entries(a.evidence)) evidence.append(el('dt', {}, k), el('dd', {}, fmt(v)));
      container.append(el('article', { class: 'advice', 'data-key': a.key },
        el('h3', {}, el('code', {}, a.key)),
        el('p', { class: 'change' }, el('span', { class: 'current' }, String(a.current)), ' → ',
          el('span', { class: 'suggested' }, String(a.suggested))),
        el('p', { class: 'why' }, a.why),
        el('details', {}, el('summary', {}, 'evidence'), evidence),
        el('p', {}, button, result)));
    }
  }

  async function apply(advice, version, button, result) {
    button.disabled = true;
    result.textContent = 'applying…';
    try {
      const response = await fetch('/config', {
        method: 'PATCH',
        headers: authHeaders({ 'Content-Type': 'application/merge-patch+json', 'If-Match': '"' + version + '"' }),
        body: JSON.stringify(advice.patch),
      });
      if (response.status === 401) {
        result.textContent = 'the admin token is needed';
        button.disabled = false;
        askForToken(() => apply(advice, version, button, result));
        return;
      }
      if (response.status === 412) {
        result.textContent = 'the config changed since this advice; it will be judged again';
        button.disabled = false;
        return;
      }
      if (!response.ok) {
        const text = await errorText(response);
        result.textContent = 'refused: ' + text;
        log('Refused ' + advice.key + ' = ' + advice.suggested + ': ' + text, true);
        button.disabled = false;
        return;
      }
      const applied = await response.json();
      result.textContent = 'applied as config version ' + applied.version;
      log('Applied ' + advice.key + ' = ' + advice.suggested + ' as config version ' + applied.version
        + '. The advisor watches the new limits before it speaks again.');
    } catch (e) {
      result.textContent = 'failed: ' + e.message;
      button.disabled = false;
    }
  }

  // ---- charts: hand-drawn SVG, the last 5 minutes ----

  function renderCharts() {
    const end = rates.length ? rates[rates.length - 1].at : Date.now();
    const clientSeries = (figure, suffix) => Object.keys(latest.status.listeners).map((name) => ({
      name: name + (suffix ? ' ' + suffix : ''),
      points: rates.map((r) => [r.at, r.listeners[name] ? r.listeners[name][figure] : null]),
    }));
    const servers = [];
    for (const [upstream, u] of Object.entries(latest.status.upstreams)) {
      for (const server of Object.keys(u.servers)) servers.push([upstream, server]);
    }
    const serverSeries = (figure, suffix) => servers.map(([upstream, server]) => ({
      name: upstream + ' ' + server + (suffix ? ' ' + suffix : ''),
      points: rates.map((r) => {
        const u = r.upstreams[upstream];
        const s = u && u.servers[server];
        return [r.at, s ? s[figure] : null];
      }),
    }));
    chart('chart-client-rps', clientSeries('requestsPerSec'), end);
    chart('chart-client-conns', interleave(clientSeries('writing', 'writing'), clientSeries('waiting', 'waiting')), end);
    chart('chart-upstream-rps', serverSeries('requestsPerSec'), end);
    chart('chart-upstream-conns', interleave(serverSeries('active', 'active'), serverSeries('idle', 'idle')), end);
    chart('chart-upstream-latency', interleave(serverSeries('p50Ms', 'p50'), serverSeries('p99Ms', 'p99')), end);
    chart('chart-upstream-churn', serverSeries('newConnectionsPer100'), end);
  }

  function interleave(a, b) {
    const out = [];
    for (let i = 0; i < a.length; i++) out.push(a[i], b[i]);
    return out;
  }

  function niceMax(value) {
    if (!(value > 0)) return 1;
    const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (value <= step * magnitude) return step * magnitude;
    }
    return 10 * magnitude;
  }

  function chart(id, series, end) {
    const node = $(id);
    const legend = node.nextElementSibling;
    const width = 600;
    const height = 170;
    const left = 44;
    const bottom = 18;
    const top = 6;
    const start = end - SPAN_MS;
    const shown = series.slice(0, COLOURS);
    let max = 0;
    for (const s of shown) for (const [, v] of s.points) if (v !== null && v > max) max = v;
    max = niceMax(max);
    const x = (t) => left + ((t - start) / SPAN_MS) * (width - left - 4);
    const y = (v) => top + (1 - v / max) * (height - top - bottom);
    node.replaceChildren();
    for (const fraction of [0, 0.5, 1]) {
      const value = max * fraction;
      node.append(svg('line', { class: 'grid', x1: left, x2: width - 4, y1: y(value), y2: y(value) }));
      const label = svg('text', { class: 'axis-label', x: left - 4, y: y(value) + 3, 'text-anchor': 'end' });
      label.textContent = value >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
      node.append(label);
    }
    for (const [minutes, anchor] of [[5, 'start'], [2.5, 'middle'], [0, 'end']]) {
      const label = svg('text', { class: 'axis-label', x: x(end - minutes * 60000), y: height - 4, 'text-anchor': anchor });
      label.textContent = minutes ? '−' + minutes + ' min' : 'now';
      node.append(label);
    }
    let drawn = 0;
    shown.forEach((s, i) => {
      let segment = [];
      const flush = () => {
        if (segment.length > 1) {
          node.append(svg('polyline', { class: 'line c' + i, points: segment.join(' ') }));
          drawn++;
        } else if (segment.length === 1) {
          const [px, py] = segment[0].split(',');
          node.append(svg('circle', { class: 'line c' + i, cx: px, cy: py, r: 1.5 }));
          drawn++;
        }
        segment = [];
      };
      for (const [t, v] of s.points) {
        if (v === null || v === undefined || t < start) {
          flush();
        } else {
          segment.push(x(t).toFixed(1) + ',' + y(v).toFixed(1));
        }
      }
      flush();
    });
    if (!drawn) {
      const empty = svg('text', { class: 'empty', x: width / 2, y: height / 2, 'text-anchor': 'middle' });
      empty.textContent = 'no data yet';
      node.append(empty);
    }
    legend.replaceChildren(...shown.map((s, i) => el('span', {}, el('span', { class: 'swatch c' + i }), s.name)));
  }

  // ---- the fleet (GET /cluster and /status.json?scope=cluster: open, like the status endpoints) ----

  const FLEET_REFRESH_MS = 5000;
  let fleetAskedAt = 0;

  async function refreshFleet() {
    if (Date.now() - fleetAskedAt < FLEET_REFRESH_MS) return;
    fleetAskedAt = Date.now();
    let cluster;
    let status = null;
    try {
      cluster = await (await fetch('/cluster')).json();
      if (cluster.enabled) {
        const response = await fetch('/status.json?scope=cluster');
        if (response.ok) status = await response.json();
      }
    } catch (e) {
      return;
    }
    $('fleet-section').hidden = !cluster.enabled;
    if (cluster.enabled) renderFleet(cluster, status);
  }

  function renderFleet(cluster, status) {
    $('fleet-summary').textContent = '"' + cluster.name + '" · config v' + cluster.version + ' · '
      + (cluster.converged ? 'every node runs it' : 'not every node runs it yet');
    const figures = {};
    ((status && status.nodes) || []).forEach((n) => { if (n.status) figures[n.id] = n.status; });
    const rows = cluster.nodes.map((node) => {
      const name = (node.address || node.id) + (node.self ? ' (this node)' : '');
      if (!node.reachable) {
        return el('tr', { 'data-node': node.id, class: 'unreachable' }, el('td', {}, name),
          el('td', { class: 'down' }, 'unreachable'), el('td', {}, node.error || ''), el('td'), el('td'), el('td'),
          el('td'), el('td'));
      }
      const figure = figures[node.id];
      const behind = node.version !== cluster.version;
      return el('tr', { 'data-node': node.id },
        el('td', {}, name),
        el('td', { class: behind ? 'down' : null }, 'v' + node.version),
        el('td', { class: node.listenersUp ? 'up' : 'down' }, node.listenersUp ? 'up' : 'down'),
        el('td', {}, node.health),
        el('td', {}, node.since),
        el('td', {}, node.admin),
        cell('fleet-active', figure ? figure.connections.active : null, 0),
        cell('fleet-requests', figure ? figure.requests : null, 0));
    });
    $('fleet').tBodies[0].replaceChildren(...rows);
    const sum = status && status.sum;
    $('fleet').tFoot.replaceChildren(sum ? el('tr', {}, el('td', {}, 'fleet: ' + sum.reachable + ' of ' + sum.nodes
      + ' nodes answered'), el('td'), el('td'), el('td'), el('td'), el('td'),
      cell('fleet-sum-active', sum.connections ? sum.connections.active : null, 0),
      cell('fleet-sum-requests', sum.requests, 0)) : '');
  }

  // ---- config history (GET /config/versions, admin API: needs the token when one is set) ----

  async function refreshHistory() {
    if (!latest) return;
    const running = latest.status.config.version;
    historyShownFor = running;
    const container = $('history');
    let response;
    try {
      response = await fetch('/config/versions', { headers: authHeaders() });
    } catch (e) {
      container.replaceChildren(el('p', { class: 'muted' }, 'History unavailable: ' + e.message));
      return;
    }
    if (response.status === 401) {
      const button = el('button', { type: 'button' }, 'enter the admin token');
      button.addEventListener('click', () => askForToken(refreshHistory));
      container.replaceChildren(el('p', { class: 'muted' }, 'The config history needs the admin token. ', button));
      return;
    }
    if (response.status === 404) {
      container.replaceChildren(el('p', { class: 'muted', id: 'history-unavailable' },
        'This Holdfast does not serve a config history (GET /config/versions).'));
      return;
    }
    if (!response.ok) {
      container.replaceChildren(el('p', { class: 'muted' }, 'History unavailable: ' + (await errorText(response))));
      return;
    }
    const body = await response.json();
    const versions = (Array.isArray(body) ? body : body.versions || []).slice().sort((a, b) => b.version - a.version);
    const rows = versions.map((v) => {
      const changes = el('button', { type: 'button' }, 'changes');
      changes.addEventListener('click', () => showChanges(v.version));
      const rollback = el('button', { type: 'button', disabled: v.version === running }, 'roll back to this');
      rollback.addEventListener('click', () => rollBack(v.version));
      return el('tr', { 'data-version': v.version, class: v.version === running ? 'running' : null },
        el('td', {}, 'v' + v.version), el('td', {}, v.appliedAt),
        el('td', {}, v.source + (v.rollbackOf ? ' of v' + v.rollbackOf : '')),
        el('td', {}, v.version > 1 ? changes : null), el('td', {}, rollback));
    });
    container.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, el('th', {}, 'version'), el('th', {}, 'applied at'), el('th', {}, 'source'),
        el('th', {}), el('th', {}))),
      el('tbody', {}, ...rows)));
  }

  async function showChanges(version) {
    const pre = $('history-diff');
    pre.hidden = false;
    const response = await fetch('/config/versions/' + version, { headers: authHeaders() });
    if (response.status === 401) {
      askForToken(() => showChanges(version));
      return;
    }
    if (!response.ok) {
      pre.textContent = 'v' + version + ': ' + (await errorText(response));
      return;
    }
    const diff = (await response.json()).diff || [];
    const shown = (value) => (value === null || value === undefined ? '(unset)' : JSON.stringify(value));
    pre.textContent = 'v' + (version - 1) + ' → v' + version + '\n'
      + (diff.length ? diff.map((d) => d.path + ': ' + shown(d.old) + ' → ' + shown(d.new)).join('\n') : '(no change)');
  }

  async function rollBack(version) {
    const response = await fetch('/config/rollback', {
      method: 'POST',
      headers: authHeaders({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ version }),
    });
    if (response.status === 401) {
      askForToken(() => rollBack(version));
      return;
    }
    if (!response.ok) {
      log('Rollback to v' + version + ' refused: ' + (await errorText(response)), true);
      return;
    }
    const applied = await response.json();
    log('Rolled back to the config of v' + version + ', applied as config version ' + applied.version + '.');
  }

  $('token-forget').hidden = !token();
  connect();
})();
