/**
 * The vendor sandbox: one local HTTP server that answers like each vendor would (through the
 * vendors' own contract doubles) and keeps every request with its contract verdict, so a
 * newcomer sees exactly what would have been sent. Delivery is pointed at it with each
 * integration's `endpoint_override` = `{sandbox}/vendors/{vendor}`.
 *
 * Routes: `ANY /vendors/{vendor}/…` (the vendor API), `GET /sandbox` (page: requests grouped by
 * vendor with each one's last request and verdict; `?vendor=` shows one), `GET /sandbox/requests`
 * (JSON), `GET /sandbox/vendors` (the per-vendor summary as JSON), `DELETE /sandbox/requests` (clear), plus any extra pages
 * the caller mounts (the demo shop).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Answer, RecordedRequest, Responder } from '../../core/doubles/index.js';
import { SANDBOX_VENDORS, type SandboxVendor } from './vendors.js';

export interface SandboxEntry {
  seq: number;
  vendor: string;
  method: string;
  path: string;
  /** Query with secret-looking values masked. */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  answer: { status: number; body: string };
  /** The contract check: `ok` when the vendor would have accepted every event. */
  verdict: { ok: boolean; problems: string[] };
  received_at: string;
}

interface SandboxOptions {
  port: number;
  host?: string;
  /** Extra GET pages (path → HTML producer), e.g. the demo shop at `/`. */
  pages?: Record<string, () => string>;
  /** Keep at most this many entries (oldest dropped), default 1000. */
  maxEntries?: number;
}

export interface Sandbox {
  url: string;
  entries: SandboxEntry[];
  /** `{sandbox}/vendors/{vendor}` — what to put in `endpoint_override`. */
  vendorUrl(vendor: string): string;
  /** Resolves when an entry matching `predicate` has arrived. */
  waitFor(predicate: (e: SandboxEntry) => boolean, timeoutMs?: number): Promise<SandboxEntry>;
  close(): Promise<void>;
}

const SECRET_PARAM = /token|secret|key|password|signature/i;

/** @example const sandbox = await startSandbox({ port: 8090 }); sandbox.vendorUrl('meta_capi') */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const entries: SandboxEntry[] = [];
  const waiters = new Set<() => void>();
  const max = options.maxEntries ?? 1000;
  let seq = 0;
  const responders = new Map<string, { vendor: SandboxVendor; respond: Responder }>(
    SANDBOX_VENDORS.map((v) => [v.vendor, { vendor: v, respond: v.responder() }]),
  );

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const vendorMatch = /^\/vendors\/([a-z0-9_]+)(\/.*)?$/.exec(url.pathname);
    if (vendorMatch) return vendorCall(vendorMatch[1]!, vendorMatch[2] ?? '/', url, req, res);
    if (req.method === 'GET' && url.pathname === '/sandbox/requests') {
      const vendor = url.searchParams.get('vendor');
      const last = Number(url.searchParams.get('last') ?? '0');
      const matching = vendor ? entries.filter((e) => e.vendor === vendor) : entries;
      const requests = Number.isInteger(last) && last > 0 ? matching.slice(-last) : matching;
      return send(res, 200, 'application/json', JSON.stringify({ requests }, null, 2));
    }
    if (req.method === 'DELETE' && url.pathname === '/sandbox/requests') {
      entries.length = 0;
      return send(res, 200, 'application/json', '{"cleared":true}');
    }
    if (req.method === 'GET' && url.pathname === '/sandbox')
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        sandboxPage(entries, url.searchParams.get('vendor')),
      );
    if (req.method === 'GET' && url.pathname === '/sandbox/vendors')
      return send(
        res,
        200,
        'application/json',
        JSON.stringify({ vendors: summarize(entries) }, null, 2),
      );
    const page = req.method === 'GET' ? options.pages?.[url.pathname] : undefined;
    if (page) return send(res, 200, 'text/html; charset=utf-8', page());
    send(res, 404, 'text/plain', 'not found');
  }

  async function vendorCall(
    vendor: string,
    path: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const entry = responders.get(vendor);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: path + url.search,
      path,
      sentUrl: url.pathname + url.search,
      query: url.searchParams,
      headers,
      body,
      raw,
      json,
      receivedAt: Date.now(),
    };
    const answer: Answer = entry
      ? await entry.respond(recorded)
      : { status: 404, body: `no sandbox double for vendor "${vendor}"` };
    const status = 'status' in answer ? answer.status : 504;
    const answerBody = 'status' in answer ? (answer.body ?? '') : '';
    const problems = entry
      ? verdictProblems(entry.vendor, recorded, status, answerBody)
      : [`unknown vendor ${vendor}`];
    entries.push({
      seq: ++seq,
      vendor,
      method: recorded.method,
      path,
      query: Object.fromEntries(
        [...url.searchParams].map(([k, v]) => [k, SECRET_PARAM.test(k) ? mask(v) : v]),
      ),
      headers: Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [
          k,
          /authorization|token|signature/i.test(k) ? mask(v) : v,
        ]),
      ),
      body: json ?? readable(raw, headers['content-encoding']),
      answer: { status, body: answerBody.slice(0, 4096) },
      verdict: { ok: problems.length === 0, problems },
      received_at: new Date(recorded.receivedAt).toISOString(),
    });
    if (entries.length > max) entries.shift();
    for (const w of [...waiters]) w();
    if ('status' in answer) {
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    } else {
      req.socket.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    entries,
    vendorUrl: (vendor) => `${url}/vendors/${vendor}`,
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = entries.find(predicate);
          if (!hit) return false;
          clearTimeout(timer);
          waiters.delete(onEntry);
          resolve(hit);
          return true;
        };
        const onEntry = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(onEntry);
          const seen = entries
            .map(
              (e) =>
                `#${e.seq} ${e.vendor} ${e.answer.status} ${JSON.stringify(e.body).slice(0, 160)}`,
            )
            .join(' | ');
          reject(
            new Error(
              `sandbox: no matching request within ${timeoutMs} ms; seen: ${seen || 'nothing'}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(onEntry);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Why the vendor would not have taken this request (empty: it would). */
/** A request body as text for the page: gzip bodies (storage destinations' files) shown decompressed. */
function readable(raw: Buffer, encoding: string | undefined): string {
  if (encoding !== 'gzip') return raw.toString('utf8');
  try {
    return gunzipSync(raw).toString('utf8');
  } catch {
    return raw.toString('utf8');
  }
}

function verdictProblems(
  vendor: SandboxVendor,
  req: RecordedRequest,
  status: number,
  body: string,
): string[] {
  const own = vendor.requestProblems?.(req) ?? [];
  if (status >= 300) return [`HTTP ${status}: ${body.slice(0, 300)}`, ...own];
  return [...own, ...(vendor.inBodyProblems?.(body) ?? [])];
}

function mask(value: string): string {
  return value.length <= 4 ? '••••' : `••••${value.slice(-4)}`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

interface VendorSummary {
  vendor: string;
  requests: number;
  accepted: number;
  rejected: number;
  /** The latest request, with its contract verdict. */
  last: SandboxEntry;
}

/**
 * Requests grouped by vendor, most recently active first: counts and the last request with its verdict.
 *
 * @example summarize(sandbox.entries)[0]?.last.verdict.ok
 */
function summarize(entries: readonly SandboxEntry[]): VendorSummary[] {
  const by = new Map<string, VendorSummary>();
  for (const e of entries) {
    const s = by.get(e.vendor) ?? {
      vendor: e.vendor,
      requests: 0,
      accepted: 0,
      rejected: 0,
      last: e,
    };
    s.requests++;
    if (e.verdict.ok) s.accepted++;
    else s.rejected++;
    s.last = e;
    by.set(e.vendor, s);
  }
  return [...by.values()].sort((a, b) => b.last.seq - a.last.seq);
}

const verdictText = (e: SandboxEntry): string =>
  e.verdict.ok ? '✓ contract ok' : '✗ ' + escapeHtml(e.verdict.problems.join('; '));
const entryDetails = (e: SandboxEntry, open = false): string => {
  const summary =
    `<b>#${e.seq}</b> ${escapeHtml(e.vendor)} · ${e.method} ${escapeHtml(e.path)} · ` +
    `HTTP ${e.answer.status} · ${verdictText(e)} <small>${e.received_at}</small>`;
  const json = JSON.stringify(
    { query: e.query, headers: e.headers, body: e.body, answer: e.answer },
    null,
    2,
  );
  return (
    `<details class="${e.verdict.ok ? 'ok' : 'bad'}"${open ? ' open' : ''}>` +
    `<summary>${summary}</summary><pre>${escapeHtml(json)}</pre></details>`
  );
};
const summaryRow = (s: VendorSummary): string =>
  `<tr class="${s.last.verdict.ok ? 'ok' : 'bad'}">` +
  `<td><a href="/sandbox?vendor=${encodeURIComponent(s.vendor)}">${escapeHtml(s.vendor)}</a></td>` +
  `<td>${s.requests}</td><td>${s.accepted}</td><td>${s.rejected}</td>` +
  `<td>${s.last.method} ${escapeHtml(s.last.path)} <small>${s.last.received_at}</small></td>` +
  `<td>${verdictText(s.last)}</td></tr>`;
const SUMMARY_HEAD = ['vendor', 'requests', 'accepted', 'rejected', 'last request', 'last verdict']
  .map((h) => `<th>${h}</th>`)
  .join('');

const STYLE = `
body{font:14px system-ui,sans-serif;margin:24px;background:#f6f7fb}
details{background:#fff;margin:6px 0;padding:8px 12px;border-radius:8px;border-left:4px solid #2a2}
details.bad{border-color:#d33}pre{overflow:auto;font-size:12px}small{color:#778}
table{border-collapse:collapse;background:#fff;border-radius:8px;margin:8px 0 16px}
td,th{padding:6px 10px;border-bottom:1px solid #eef;text-align:left}
tr.bad td:last-child{color:#b00}tr.ok td:last-child{color:#080}
`;

function sandboxPage(entries: SandboxEntry[], vendor?: string | null): string {
  const shown = vendor ? entries.filter((e) => e.vendor === vendor) : entries;
  const summary = summarize(entries);
  const table = summary.length
    ? `<table><thead><tr>${SUMMARY_HEAD}</tr></thead>` +
      `<tbody>${summary.map(summaryRow).join('')}</tbody></table>`
    : '';
  const lastPerVendor = vendor ? '' : summary.map((s) => entryDetails(s.last)).join('\n');
  const rows = [...shown]
    .reverse()
    .map((e, i) => entryDetails(e, Boolean(vendor) && i === 0))
    .join('\n');
  const intro =
    'Every request a vendor would have received, with the contract check. ' +
    'JSON: <a href="/sandbox/requests">/sandbox/requests</a>, ' +
    'per vendor <a href="/sandbox/vendors">/sandbox/vendors</a>. Refreshes every 3 s.' +
    (vendor ? ' <a href="/sandbox">All vendors</a>.' : '');
  return [
    '<!doctype html><html><head><meta charset="utf-8"><title>Datafly vendor sandbox</title>' +
      '<meta http-equiv="refresh" content="3">',
    `<style>${STYLE}</style></head><body>`,
    `<h1>Vendor sandbox${vendor ? `: ${escapeHtml(vendor)}` : ''}</h1><p>${intro}</p>`,
    entries.length
      ? `<h2>By vendor</h2>${table}`
      : '<p>No requests yet: open the demo shop and click around.</p>',
    lastPerVendor ? `<h2>Last request per vendor</h2>${lastPerVendor}` : '',
    (shown.length ? `<h2>${vendor ? 'Requests' : 'All requests, newest first'}</h2>${rows}` : '') +
      '</body></html>',
  ].join('\n');
}
