// The identity hub in the processor (docs/identity.md): an anonymous add-to-cart after a login
// carries the person id and the hashed email learned at the login, and Meta's and TikTok's
// default mappings send it; consent governs learning and sharing; a client-sent
// `context.identity` is never trusted; an erased person's events are dropped; the organisation
// can switch the hub off.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../bus/types.js';
import { createMemoryConfigStore } from '../../config-store/memory.js';
import type { IdentitySettings, OrgDataLayer } from '../../config-store/types.js';
import { Envelope } from '../../event/envelope.js';
import { memoryGraph, personIdFor, type IdentityGraph } from '../../identity/index.js';
import { metaCapi } from '../../vendors/meta_capi/index.js';
import { tiktok } from '../../vendors/tiktok/index.js';
import type { DeliveryMessage } from '../../topics.js';
import { ConfigCache } from '../../config-store/cache.js';
import { processEvent, type EventOutcome } from './process-event.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const LAYER: OrgDataLayer = {
  parse_user_agent: false,
  drop_bots: false,
  truncate_ip: false,
  pii_rules: [],
  renames: [],
};

function world(identity?: IdentitySettings) {
  const store = createMemoryConfigStore();
  store.setRevision({
    id: 'rev_meta',
    integration_id: 'tmpl_meta',
    vendor: 'meta_capi',
    revision_number: 1,
    config: { pixel_id: '123', access_token: 't', consent_categories: ['marketing'] },
    delivery_mode: 'server_side',
  });
  store.setRevision({
    id: 'rev_tt',
    integration_id: 'tmpl_tt',
    vendor: 'tiktok',
    revision_number: 1,
    config: { pixel_code: 'C1', access_token: 't' },
    delivery_mode: 'server_side',
  });
  store.setOrgDataLayer('org_1', identity ? { ...LAYER, identity } : LAYER);
  store.setPipeline({
    id: 'pip_1',
    org_id: 'org_1',
    parameters: {},
    transformations: [],
    integrations: [
      {
        id: 'pi_meta',
        integration_id: 'tmpl_meta',
        vendor: 'meta_capi',
        revision_id: 'rev_meta',
        enabled: true,
      },
      {
        id: 'pi_tt',
        integration_id: 'tmpl_tt',
        vendor: 'tiktok',
        revision_id: 'rev_tt',
        enabled: true,
      },
    ],
  });
  const graph = memoryGraph();
  const cache = new ConfigCache(store);
  let n = 0;
  const run = (
    event: Record<string, unknown>,
    g: IdentityGraph | undefined = graph,
  ): Promise<EventOutcome> => {
    const value = JSON.stringify({
      v: 1,
      event_id: `evt-${++n}`,
      type: 'track',
      anonymous_id: 'anon-1',
      timestamp: '2026-03-01T11:59:59.000Z',
      received_at: '2026-03-01T12:00:00.000Z',
      context: {
        consent: { analytics: true, marketing: true },
        vendor_ids: { fbp: 'fb.1.1.99' },
        page: { url: 'https://shop.example/cart' },
        user_agent: 'UA',
      },
      source: { kind: 'browser', pipeline_id: 'pip_1', org_id: 'org_1', source_id: 'src_1' },
      ...event,
    });
    const message: BusMessage = {
      topic: 'raw-events',
      partition: 0,
      offset: String(n),
      key: 'anon-1',
      value,
      headers: {},
      timestamp: NOW,
    };
    return processEvent(message, cache, undefined, g ? { graph: g, now: () => NOW } : undefined);
  };
  return { store, graph, run };
}

const envelopes = (o: EventOutcome) => {
  if (o.kind !== 'fanout') throw new Error(`expected a fan-out, got ${o.kind}`);
  return o.deliveries.map((d) =>
    Envelope.parse((JSON.parse(d.record.value) as DeliveryMessage).envelope),
  );
};
const login = {
  type: 'identify',
  user_id: 'u-42',
  traits: { email: ' Jane.Doe@Example.com ', phone: '+1 (650) 555-1212' },
};
const addToCart = {
  event: 'add_to_cart',
  properties: { value: 10, currency: 'EUR', product_id: 'sku-1' },
};

describe('the identity hub in the processor', () => {
  it('gives an anonymous add-to-cart after a login the person id and the hashed email and phone, which Meta and TikTok send', async () => {
    const w = world();
    await w.run(login);
    const [meta, tt] = envelopes(await w.run(addToCart));
    const person = personIdFor('org_1', { kind: 'user_id', value: 'u-42' });
    expect(meta!.context.identity).toEqual({
      person_id: person,
      email_sha256: sha('jane.doe@example.com'),
      phone_sha256: sha('16505551212'),
      phone_e164_sha256: sha('+16505551212'),
    });
    expect(tt!.context.identity).toEqual(meta!.context.identity);

    const metaBody = JSON.parse(
      String(
        metaCapi.definition.format(
          [meta!],
          metaCapi.definition.parseSettings({ pixel_id: '123', access_token: 't' }),
          {
            testMode: false,
          },
        ).requests[0]!.body,
      ),
    );
    expect(metaBody.data[0].user_data).toMatchObject({
      em: [sha('jane.doe@example.com')],
      ph: [sha('16505551212')],
      fbp: 'fb.1.1.99',
    });
    const ttBody = JSON.parse(
      String(
        tiktok.definition.format(
          [tt!],
          tiktok.definition.parseSettings({ pixel_code: 'C1', access_token: 't' }),
          {
            testMode: false,
          },
        ).requests[0]!.body,
      ),
    );
    expect(ttBody.data[0].user).toMatchObject({
      email: sha('jane.doe@example.com'),
      phone: sha('+16505551212'),
    });
  });

  it('adds the person id but no hashed identifiers without consent to share', async () => {
    const w = world();
    await w.run(login);
    const out = await w.run({ ...addToCart, context: { consent: { analytics: true } } });
    // Meta (marketing) is held back by its own consent; TikTok (no categories) gets the event.
    const [tt] = envelopes(out);
    expect(tt!.context.identity).toEqual({
      person_id: personIdFor('org_1', { kind: 'user_id', value: 'u-42' }),
    });
  });

  it('learns nothing and adds nothing without consent to learn, and never keeps a client-sent identity', async () => {
    const w = world();
    const forged = { person_id: 'per_forged', email_sha256: sha('victim@example.com') };
    const [meta] = envelopes(
      await w.run({ ...login, context: { consent: { marketing: true }, identity: forged } }),
    );
    expect(meta!.context.identity).toBeUndefined();
    expect(await w.graph.find('org_1', { kind: 'anonymous_id', value: 'anon-1' })).toBeUndefined();
  });

  it('drops the events of an erased person', async () => {
    const w = world();
    await w.run(login);
    await w.graph.erase('org_1', personIdFor('org_1', { kind: 'user_id', value: 'u-42' }), NOW);
    const out = await w.run(addToCart);
    expect(out.kind).toBe('dropped');
    expect(out.kind === 'dropped' && out.trace.at(-1)).toEqual({
      step: 'identity',
      result: 'dropped: the person asked to be erased',
    });
  });

  it('is off when the organisation switches it off (the event passes as sent)', async () => {
    const w = world({ enabled: false, learn_consent: [], share_consent: [] });
    await w.run(login);
    const [meta] = envelopes(await w.run(addToCart));
    expect(meta!.context.identity).toBeUndefined();
    expect(await w.graph.find('org_1', { kind: 'user_id', value: 'u-42' })).toBeUndefined();
  });

  it('links the other domain’s _dfid carried by a verified link token (identity_hop): the purchase on domain B gets the email learned on A', async () => {
    const w = world();
    await w.run(login);
    const [meta] = envelopes(
      await w.run({
        anonymous_id: 'anon-on-b',
        context: {
          consent: { analytics: true, marketing: true },
          identity_hop: { anonymous_id: 'anon-1' },
        },
      }),
    );
    expect(meta!.context.identity).toMatchObject({
      person_id: personIdFor('org_1', { kind: 'user_id', value: 'u-42' }),
      email_sha256: sha('jane.doe@example.com'),
    });
    const [later] = envelopes(await w.run({ anonymous_id: 'anon-on-b', event: 'purchase' }));
    expect((later!.context.identity as { person_id?: string }).person_id).toBe(
      personIdFor('org_1', { kind: 'user_id', value: 'u-42' }),
    );
  });

  it('follows the organisation’s own consent categories', async () => {
    const w = world({ enabled: true, learn_consent: [], share_consent: ['ads'] });
    await w.run({ ...login, context: {} });
    const [, tt] = envelopes(
      await w.run({ ...addToCart, context: { consent: { ads: true, marketing: true } } }),
    );
    expect((tt!.context.identity as { email_sha256?: string } | undefined)?.email_sha256).toBe(
      sha('jane.doe@example.com'),
    );
  });
});
