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
import type { ConfigCache, ReadyIntegration } from '../../config-store/cache.js';
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

/** The parts of a delivery message fixed by the configuration: built once per compiled integration. */
interface DeliveryFrame {
  /** `{"v":1,…,"params":{…}` — the message's head, without the closing brace. */
  head: string;
  /** `,{"step":"params",…},{"step":"consent",…}]}`: the trace's tail and the message's end. */
  traceTail: string;
  headers: Record<string, string>;
}
const frames = new WeakMap<ReadyIntegration, DeliveryFrame>();

function frameOf(ready: ReadyIntegration, pipelineId: string): DeliveryFrame {
  let frame = frames.get(ready);
  if (frame) return frame;
  const { pi, revision, params, consentCategories } = ready;
  const head: Omit<DeliveryMessage, 'envelope' | 'trace'> = {
    v: 1,
    pipeline_id: pipelineId,
    pipeline_integration_id: pi.id,
    integration_id: pi.integration_id,
    revision_id: revision.id,
    vendor: pi.vendor,
    params,
  };
  const own: TraceEntry[] = [
    { step: 'params', result: 'resolved' },
    {
      step: 'consent',
      result:
        consentCategories.length > 0 ? `allowed (${consentCategories.join(', ')})` : 'not required',
    },
  ];
  frame = {
    head: JSON.stringify(head).slice(0, -1),
    traceTail: `${JSON.stringify(own).slice(1)}}`,
    // Read-only by every bus adapter: one object for all of this integration's messages.
    headers: Object.freeze({
      [HEADERS.pipelineId]: pipelineId,
      [HEADERS.revisionId]: revision.id,
      [HEADERS.attempt]: '0',
    }),
  };
  frames.set(ready, frame);
  return frame;
}

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
  // The envelope and the steps so far are the bulk of every delivery message: serialised once,
  // not per integration; each message is its integration's frame around them.
  const envelopeJson = JSON.stringify(out);
  const traceHead = trace.length > 0 ? `${JSON.stringify(trace).slice(0, -1)},` : '[';
  for (const entry of pipeline.value.integrations) {
    if (!entry.ok) {
      configErrors.push({
        integrationId: entry.pi.integration_id,
        reason: `config_error: ${entry.error.message}`,
      });
      t?.configError(entry.pi.integration_id, `config_error: ${entry.error.message}`);
      continue;
    }
    const { pi, consentCategories } = entry.value;
    if (switches !== undefined && !integrationAllowed(switches, integrationNames(pi))) {
      switchedOff++;
      continue;
    }
    const allowed = consentAllows(consentCategories, out.context.consent);
    t?.integration(entry.value, pipeline.value.config.parameters, out.context.consent, allowed);
    if (!allowed) {
      consentDenied++;
      continue;
    }
    const frame = frameOf(entry.value, pipeline.value.config.id);
    deliveries.push({
      topic: deliveryTopic(pi.integration_id),
      record: {
        key,
        // Same JSON as JSON.stringify(DeliveryMessage), assembled from the pre-serialised parts.
        value: `${frame.head},"envelope":${envelopeJson},"trace":${traceHead}${frame.traceTail}`,
        headers: frame.headers,
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
