/**
 * One raw event through the processor: parse, org data layer, pipeline transformations, then
 * per enabled pipeline integration: parameters resolved (at config load), consent, and a
 * delivery message. Pure apart from the config cache; sending is the caller's job.
 */
import { consentAllows } from '../../consent.js';
import { resolveIdentity } from '../../identity/hub.js';
import type { IdentityGraph } from '../../identity/types.js';
import { Envelope } from '../../event/envelope.js';
import type { BusMessage, ProduceRecord } from '../../bus/types.js';
import { HEADERS, deliveryTopic, type DeliveryMessage, type TraceEntry } from '../../topics.js';
import { traceProcessing } from '../../trace/processor.js';
import { noTracer, type Tracer } from '../../trace/tracer.js';
import type { ConfigCache } from '../../config-store/cache.js';
import { sourceScope, type SeenKey } from '../../dedup/seen.js';
import { integrationAllowed, integrationNames } from './integration-switches.js';

export type EventOutcome =
  | { kind: 'poison'; reason: string; integrationId?: string }
  | { kind: 'dropped'; trace: TraceEntry[] }
  | {
      kind: 'fanout';
      deliveries: { topic: string; record: ProduceRecord }[];
      /** Per-integration configuration errors: these are dead-lettered, the others delivered. */
      configErrors: { integrationId: string; reason: string }[];
      consentDenied: number;
      /** Integrations the event's own `integrations` switches turned off. */
      switchedOff: number;
      trace: TraceEntry[];
      /** The event's dedup key (core/dedup/seen.ts): its source and `event_id`. */
      seen: SeenKey;
    };

const zodReason = (issues: { path: PropertyKey[]; message: string }[]): string => {
  const i = issues[0]!;
  return `${i.path.map(String).join('.') || '(root)'}: ${i.message}`;
};

/** The identity hub as the processor uses it (core/identity, docs/identity.md). */
interface ProcessorIdentity {
  graph: IdentityGraph;
  now: () => number;
}

/**
 * @example
 * const outcome = await processEvent(message, cache);
 * if (outcome.kind === 'fanout') await produceAll(bus, groupByTopic(outcome.deliveries));
 */
export async function processEvent(
  message: BusMessage,
  cache: ConfigCache,
  tracer: Tracer = noTracer,
  identity?: ProcessorIdentity,
): Promise<EventOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(message.value);
  } catch {
    return { kind: 'poison', reason: 'unparseable: value is not JSON' };
  }
  const parsed = Envelope.safeParse(json);
  if (!parsed.success)
    return { kind: 'poison', reason: `invalid envelope: ${zodReason(parsed.error.issues)}` };
  const envelope = parsed.data;
  // Live debugger (core/trace): only for a watched pipeline.
  const t = tracer.enabled(envelope.source.pipeline_id)
    ? traceProcessing(tracer, envelope)
    : undefined;

  const pipeline = await cache.pipeline(envelope.source.pipeline_id);
  if (!pipeline.ok) {
    t?.deadLettered(`config_error: ${pipeline.error.message}`);
    return { kind: 'poison', reason: `config_error: ${pipeline.error.message}` };
  }
  const org = await cache.orgLayer(pipeline.value.config.org_id);

  let working: Record<string, unknown> | undefined = envelope;
  const trace: TraceEntry[] = [];
  try {
    const o = org(working);
    trace.push(...o.trace);
    working = o.event;
    if (working) {
      const t = pipeline.value.transforms(working);
      trace.push(...t.trace);
      working = t.event;
    }
  } catch (error) {
    t?.deadLettered(`transform failed: ${error instanceof Error ? error.message : String(error)}`);
    return {
      kind: 'poison',
      reason: `transform failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!working) {
    t?.dropped(trace);
    return { kind: 'dropped', trace };
  }
  // The org data layer only writes fields the schema leaves open (device/os/browser, ip text,
  // properties/traits keys) except for its renames; transformations say for themselves.
  let out = envelope;
  if (pipeline.value.revalidate || org.renames) {
    const after = Envelope.safeParse(working);
    if (!after.success) {
      t?.deadLettered(`transform produced an invalid envelope: ${zodReason(after.error.issues)}`);
      return {
        kind: 'poison',
        reason: `transform produced an invalid envelope: ${zodReason(after.error.issues)}`,
      };
    }
    out = after.data;
  }
  // The identity hub, after the org data layer (whose PII rules it respects) and transforms.
  if (identity) {
    const settings = await cache.identitySettings(pipeline.value.config.org_id);
    if (settings.enabled) {
      // Only the hub writes `context.identity`: whatever the client sent is not trusted.
      delete out.context.identity;
      const outcome = await resolveIdentity(
        identity.graph,
        settings,
        pipeline.value.config.org_id,
        out,
        identity.now(),
      );
      if (outcome.kind === 'suppressed') {
        trace.push({ step: 'identity', result: 'dropped: the person asked to be erased' });
        t?.dropped(trace);
        return { kind: 'dropped', trace };
      }
      if (outcome.identity) out.context.identity = outcome.identity;
      trace.push({
        step: 'identity',
        result: outcome.identity
          ? `person ${outcome.identity.person_id}`
          : 'no consent to learn or no identifiers',
      });
    }
  }
  t?.processed(trace, out);

  const deliveries: { topic: string; record: ProduceRecord }[] = [];
  const configErrors: { integrationId: string; reason: string }[] = [];
  let consentDenied = 0;
  let switchedOff = 0;
  const switches = out.integrations;
  const key = out.anonymous_id ?? out.user_id ?? out.event_id;
  // The envelope is the bulk of every delivery message: serialise it once, not per integration.
  const envelopeJson = JSON.stringify(out);
  for (const entry of pipeline.value.integrations) {
    if (!entry.ok) {
      configErrors.push({
        integrationId: entry.pi.integration_id,
        reason: `config_error: ${entry.error.message}`,
      });
      t?.configError(entry.pi.integration_id, `config_error: ${entry.error.message}`);
      continue;
    }
    const { pi, revision, params, consentCategories } = entry.value;
    if (switches !== undefined && !integrationAllowed(switches, integrationNames(pi))) {
      switchedOff++;
      continue;
    }
    const own: TraceEntry[] = [...trace, { step: 'params', result: 'resolved' }];
    const allowed = consentAllows(consentCategories, out.context.consent);
    t?.integration(entry.value, pipeline.value.config.parameters, out.context.consent, allowed);
    if (!allowed) {
      consentDenied++;
      continue;
    }
    own.push({
      step: 'consent',
      result:
        consentCategories.length > 0 ? `allowed (${consentCategories.join(', ')})` : 'not required',
    });
    const head: Omit<DeliveryMessage, 'envelope' | 'trace'> = {
      v: 1,
      pipeline_id: pipeline.value.config.id,
      pipeline_integration_id: pi.id,
      integration_id: pi.integration_id,
      revision_id: revision.id,
      vendor: pi.vendor,
      params,
    };
    const traceJson = JSON.stringify(own);
    // Same JSON as JSON.stringify(DeliveryMessage), assembled from the pre-serialised parts.
    const value = `${JSON.stringify(head).slice(0, -1)},"envelope":${envelopeJson},"trace":${traceJson}}`;
    deliveries.push({
      topic: deliveryTopic(pi.integration_id),
      record: {
        key,
        value,
        headers: {
          [HEADERS.pipelineId]: pipeline.value.config.id,
          [HEADERS.revisionId]: revision.id,
          [HEADERS.attempt]: '0',
        },
      },
    });
  }
  return {
    kind: 'fanout',
    deliveries,
    configErrors,
    consentDenied,
    switchedOff,
    trace,
    seen: { source: sourceScope(envelope.source), event_id: envelope.event_id },
  };
}
