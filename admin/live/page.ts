/**
 * The Live page (`GET /live`): one self-contained HTML document (no build step, no external
 * assets) that asks for a token and a pipeline, connects to `/v1/admin/live` and shows each
 * event's steps in order, grouped by event. To be folded into the Management UI later; it uses
 * only the WebSocket protocol documented in docs/live-debugger.md.
 */

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:10px 16px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
header h1{font-size:16px;margin:0 12px 0 0}
header input,header select{padding:4px 6px;border-radius:4px;border:1px solid #888;font:inherit}
header button{padding:4px 12px;border-radius:4px;border:0;background:#4b7bec;color:#fff;font:inherit;cursor:pointer}
#line{padding:6px 16px;background:#e8ecf3;font-size:13px}
#line.warn{background:#ffe7c2}#line.bad{background:#ffd2d2}
main{padding:12px 16px;display:flex;flex-direction:column;gap:10px}
.event{background:#fff;border:1px solid #d8dde6;border-radius:6px}
.event>h2{font-size:14px;margin:0;padding:8px 10px;border-bottom:1px solid #eef0f4;display:flex;gap:10px}
.event>h2 .id{color:#667;font-weight:400;font-family:ui-monospace,monospace;font-size:12px}
.step{padding:6px 10px;border-top:1px solid #f0f2f5;display:grid;grid-template-columns:90px 110px 1fr;gap:8px}
.step:first-of-type{border-top:0}
.part{color:#667;font-size:12px}.name{font-weight:600}
.s-delivered{color:#137333}.s-retrying{color:#a05a00}.s-dead_lettered,.s-blocked,.s-dropped{color:#b3261e}
details{grid-column:3}pre{margin:4px 0;background:#f6f7f9;padding:6px;border-radius:4px;max-height:320px;overflow:auto;font-size:12px}
.notice{background:#fff4e0;border:1px solid #f0c987;border-radius:6px;padding:6px 10px}
`;

const SCRIPT = `
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
for (const k of ['pipeline_id','integration_id','event','user','status']) if (params.get(k)) $(k).value = params.get(k);
$('token').value = sessionStorage.getItem('datafly-token') || '';
let ws; const events = new Map();
function status(text, cls) { $('line').textContent = text; $('line').className = cls || ''; }
function filters() {
  const f = {};
  for (const k of ['pipeline_id','integration_id','event','user','status']) { const v = $(k).value.trim(); if (v) f[k] = v; }
  return f;
}
function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function card(step) {
  const key = step.pipeline_id + '/' + step.event_id;
  let c = events.get(key);
  if (!c) {
    c = el('section', 'event');
    const h = el('h2'); h.append(el('span', '', step.event || '(no name)'), el('span', 'id', step.event_id));
    c.append(h); events.set(key, c); $('events').prepend(c);
    while (events.size > 200) { const [k, old] = events.entries().next().value; old.remove(); events.delete(k); }
  }
  return c;
}
function show(step) {
  const row = el('div', 'step');
  row.append(el('span', 'part', step.part + (step.integration_id ? ' · ' + step.integration_id : '')));
  row.append(el('span', 'name s-' + (step.status || 'ok'), step.step));
  const text = el('span', 's-' + (step.status || 'ok'), step.summary); row.append(text);
  if (step.data && Object.keys(step.data).length) {
    const d = el('details'); d.append(el('summary', '', 'details')); d.append(el('pre', '', JSON.stringify(step.data, null, 2))); row.append(d);
  }
  card(step).append(row);
}
function notice(text) { const n = el('div', 'notice', text); $('events').prepend(n); }
function connect() {
  if (ws) ws.close();
  const token = $('token').value.trim(); sessionStorage.setItem('datafly-token', token);
  const f = filters(); if (!f.pipeline_id) { status('Enter a pipeline id.', 'warn'); return; }
  const url = new URL('/v1/admin/live', location.href); url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(f)) url.searchParams.set(k, v);
  ws = new WebSocket(url, ['datafly-live', 'bearer.' + token]);
  status('Connecting…');
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.type === 'step') show(msg.step);
    else if (msg.type === 'hello')
      status('Watching ' + msg.filters.pipeline_id + ' — personal data ' + msg.personal_data +
        '; tracing stops after ' + msg.limits.session_minutes + ' min.');
    else if (msg.type === 'dropped')
      notice(msg.message + ' (the page could not keep up; ' + msg.total_events_not_shown +
        ' in all)');
    else if (msg.type === 'notice') notice(msg.message);
    else if (msg.type === 'filters') status('Filters changed: ' + JSON.stringify(msg.filters));
    else if (msg.type === 'error') status(msg.message, 'bad');
    else if (msg.type === 'closing') status('Closed: ' + msg.reason, 'warn');
  };
  ws.onclose = (e) => { if (e.code !== 1000 && !$('line').className) status('Disconnected (' + e.code + (e.reason ? ': ' + e.reason : '') + ')', 'bad'); };
  ws.onerror = () => status('Could not connect: check the token (viewer role or above) and the pipeline id.', 'bad');
}
$('connect').onclick = connect;
$('apply').onclick = () => { if (ws && ws.readyState === 1) ws.send(JSON.stringify({ type: 'filter', ...filters() })); else connect(); };
$('clear').onclick = () => { events.clear(); $('events').replaceChildren(); };
`;

/** @example app.get('/live', (c) => c.html(livePage())) */
export function livePage(): string {
  const field = (id: string, label: string, width = 12): string =>
    `<input id="${id}" placeholder="${label}" aria-label="${label}" size="${width}">`;
  const fields = [
    field('pipeline_id', 'pipeline id (pip_…)', 22),
    field('integration_id', 'integration id'),
    field('event', 'event name'),
    field('user', 'user or anonymous id'),
  ].join('');
  const statuses = [
    'delivered',
    'failed',
    'retrying',
    'dead_lettered',
    'blocked',
    'dropped',
    'skipped',
  ]
    .map((s) => `<option>${s}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Live — Datafly Signal</title><style>${STYLE}</style></head>
<body>
<header><h1>Live</h1>
<input id="token" type="password" placeholder="API token" aria-label="API token" size="18">
${fields}
<select id="status" aria-label="status"><option value="">any status</option>${statuses}</select>
<button id="connect">Connect</button><button id="apply">Apply filters</button><button id="clear">Clear</button>
</header>
<div id="line">Enter a token and a pipeline id, then Connect.</div>
<main id="events"></main>
<script type="module">${SCRIPT}</script>
</body></html>`;
}
