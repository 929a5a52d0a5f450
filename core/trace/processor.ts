/**
 * The processor's steps of a watched event, built only when `tracer.enabled(pipeline)` is true
 * (core/services/processor/process-event.ts calls these; nothing here runs for unwatched pipelines).
 */
import type { ReadyIntegration } from '../config-store/cache.js';
import type { Envelope } from '../event/envelope.js';
import { secretValues } from '../secrets/scrub.js';
import { findParamRefs } from '../params/index.js';
import type { TraceEntry } from '../topics.js';
import { getVendor } from '../vendors/registry.js';
import { eventKeys } from './step.js';
import type { Tracer } from './tracer.js';
import { isRecord } from '../json/index.js';

/** One changed leaf of the envelope. */
interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

const MAX_CHANGES = 200;

/**
 * The leaves that differ between two JSON values (objects are walked, arrays compared whole).
 *
 * @example diffFields({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: 4 })
 *   // → [{ path: 'b.c', before: 2, after: 3 }, { path: 'd', after: 4 }]
 */
export function diffFields(
  before: unknown,
  after: unknown,
  path = '',
  out: FieldChange[] = [],
): FieldChange[] {
  if (out.length >= MAX_CHANGES) return out;
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      diffFields(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return out;
  out.push({
    path,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });
  return out;
}

/** Consent reason as the debugger shows it ("blocked by consent: marketing"). */
export function consentReason(
  required: readonly string[],
  consent: Record<string, unknown> | undefined,
  allowed: boolean,
): string {
  if (required.length === 0) return 'no consent required';
  if (allowed) return `allowed by consent: ${required.join(', ')}`;
  const missing = required.filter((c) => consent?.[c] !== true);
  return `blocked by consent: ${missing.join(', ')}`;
}

interface ProcessorTrace {
  deadLettered(reason: string): void;
  dropped(trace: TraceEntry[]): void;
  processed(trace: TraceEntry[], after: Envelope): void;
  configError(integrationId: string, reason: string): void;
  integration(
    ready: ReadyIntegration,
    parameters: Readonly<Record<string, string>>,
    consent: Record<string, unknown> | undefined,
    allowed: boolean,
  ): void;
}

/**
 * Emit `received` and return the recorder of the processor's other steps for this event.
 *
 * @example const t = tracer.enabled(pid) ? traceProcessing(tracer, envelope) : undefined;
 */
export function traceProcessing(tracer: Tracer, envelope: Envelope): ProcessorTrace {
  const base = {
    pipeline_id: envelope.source.pipeline_id,
    ...eventKeys(envelope),
    part: 'processor' as const,
  };
  // The org data layer changes the envelope in place: keep the original for the diff.
  const before = structuredClone(envelope);
  tracer.emit({
    ...base,
    step: 'received',
    status: 'ok',
    summary: `${envelope.type} ${envelope.event ?? ''} from ${envelope.source.kind}`.replace(
      '  ',
      ' ',
    ),
    data: { envelope: before },
  });
  return {
    deadLettered(reason) {
      tracer.emit({
        ...base,
        step: 'dead_lettered',
        status: 'dead_lettered',
        summary: reason,
        data: { reason },
      });
    },
    dropped(trace) {
      const by = trace.at(-1);
      tracer.emit({
        ...base,
        step: 'dropped',
        status: 'dropped',
        summary: `dropped by ${by?.step ?? 'a transformation'}`,
        data: { steps: trace },
      });
    },
    processed(trace, after) {
      const changes = diffFields(before, after);
      tracer.emit({
        ...base,
        step: 'processed',
        status: 'ok',
        summary: `${trace.length} steps, ${changes.length} fields changed`,
        data: { steps: trace, changes, envelope: after },
      });
    },
    configError(integrationId, reason) {
      tracer.emit({
        ...base,
        integration_id: integrationId,
        step: 'dead_lettered',
        status: 'dead_lettered',
        summary: reason,
        data: { reason },
      });
    },
    integration(ready, values, consent, allowed) {
      const integrationId = ready.pi.integration_id;
      const reason = consentReason(ready.consentCategories, consent, allowed);
      tracer.emit({
        ...base,
        integration_id: integrationId,
        step: 'consent',
        status: allowed ? 'ok' : 'blocked',
        summary: reason,
        data: {
          required: ready.consentCategories,
          consent: consent ?? {},
          vendor: ready.pi.vendor,
        },
      });
      if (!allowed) return;
      const secrets = new Set(
        secretValues(ready.resolved, getVendor(ready.pi.vendor)?.secretKeys ?? []),
      );
      const parameters: Record<string, string> = {};
      for (const name of findParamRefs(ready.revision.config)) {
        const value = values[name];
        parameters[name] =
          value === undefined ? '(missing)' : secrets.has(value) ? '[redacted]' : value;
      }
      tracer.emit({
        ...base,
        integration_id: integrationId,
        step: 'params',
        status: 'ok',
        summary: `revision ${ready.revision.id}: ${Object.keys(parameters).length} parameters resolved`,
        data: { revision_id: ready.revision.id, vendor: ready.pi.vendor, parameters },
      });
    },
  };
}
