/**
 * Which vendor doubles the sandbox serves, and how each says "rejected" inside a 2xx body.
 * Adding a vendor to the sandbox is one row here.
 */
import { answers, type Responder } from '../doubles/index.js';
import { ga4Responder } from '../vendors/ga4/double.js';
import { checkLinkedInRequest } from '../vendors/linkedin/double.js';
import { metaResponder } from '../vendors/meta_capi/double.js';
import { checkPinterestRequest } from '../vendors/pinterest/double.js';
import { checkSnapchatRequest } from '../vendors/snapchat/double.js';
import { checkTradeDeskRequest } from '../vendors/the_trade_desk/double.js';
import { checkTikTokRequest } from '../vendors/tiktok/double.js';

export interface SandboxVendor {
  vendor: string;
  responder(): Responder;
  /** Problems reported inside a 2xx answer (TikTok's non-zero `code`, …). */
  inBodyProblems?(body: string): string[];
}

const jsonField = (body: string, key: string): unknown => {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
};

export const SANDBOX_VENDORS: readonly SandboxVendor[] = [
  { vendor: 'ga4', responder: () => ga4Responder() },
  { vendor: 'meta_capi', responder: () => metaResponder() },
  {
    vendor: 'tiktok',
    responder: () => (req) => checkTikTokRequest(req),
    inBodyProblems: (body) => {
      const code = jsonField(body, 'code');
      return code === 0 || code === undefined ? [] : [`code ${String(code)}: ${String(jsonField(body, 'message'))}`];
    },
  },
  {
    vendor: 'pinterest',
    responder: () => (req) => checkPinterestRequest(req),
    // Pinterest answers 200 with a per-event status; failed events name their problem.
    inBodyProblems: (body) => {
      const events = jsonField(body, 'events');
      if (!Array.isArray(events)) return [];
      return events.flatMap((e: unknown, i) => {
        const ev = e as { status?: unknown; error_message?: unknown };
        return ev.status === 'failed' ? [`events[${i}]: ${String(ev.error_message)}`] : [];
      });
    },
  },
  { vendor: 'snapchat', responder: () => (req) => checkSnapchatRequest(req, { now: Date.now() }) },
  { vendor: 'linkedin', responder: () => (req) => checkLinkedInRequest(req, { now: Date.now() }) },
  { vendor: 'the_trade_desk', responder: () => (req) => checkTradeDeskRequest(req) },
  { vendor: 'webhook', responder: () => answers.ok({ ok: true }) },
];
