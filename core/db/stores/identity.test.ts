// The identity graph contract (core/identity): merges, the two-users rule, hashed identifiers,
// first/last seen, consent withheld, erasure and suppression, organisation isolation. Run on the
// in-memory graph, PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_IDENTITY_SETTINGS,
  memoryGraph,
  personIdFor,
  resolveIdentity,
  type Identifier,
  type IdentityGraph,
} from '../../identity/index.js';
import { backends } from '../../../admin/testing/index.js';
import { drizzleIdentityGraph, TOUCH_EVERY_MS } from './identity.js';

const T0 = Date.parse('2026-02-20T10:00:00Z');
const HOUR = 3_600_000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const anon = (value: string): Identifier => ({ kind: 'anonymous_id', value });
const user = (value: string): Identifier => ({ kind: 'user_id', value });
const email = (plain: string): Identifier => ({ kind: 'email_sha256', value: sha(plain) });

const graphs: {
  name: string;
  open(): Promise<{ graph: IdentityGraph; close(): Promise<void> }>;
}[] = [
  { name: 'memory', open: async () => ({ graph: memoryGraph(), close: async () => {} }) },
  ...backends.map((b) => ({
    name: b.name,
    open: async () => {
      const { database, drop } = await b.open();
      return { graph: drizzleIdentityGraph(database.db), close: drop };
    },
  })),
];

describe.each(graphs)('identity graph on $name', (backend) => {
  let graph: IdentityGraph;
  let close: () => Promise<void>;
  // Each test uses its own organisation, so the cases do not see each other's links.
  let n = 0;
  const org = () => `org_g${++n}`;

  beforeAll(async () => ({ graph, close } = await backend.open()));
  afterAll(async () => close());

  const personOf = async (o: string, id: Identifier) => (await graph.find(o, id))?.person_id;

  it('names a new visitor by its strongest identifier and keeps that person on the next event', async () => {
    const o = org();
    const first = await graph.observe(o, [anon('a1'), { kind: 'fbp', value: 'fb.1.1.2' }], T0);
    expect(first).toEqual({ kind: 'person', person_id: personIdFor(o, anon('a1')), hashed: {} });
    const again = await graph.observe(o, [anon('a1')], T0 + 1000);
    expect(again.kind === 'person' && again.person_id).toBe(personIdFor(o, anon('a1')));
    expect(await personOf(o, { kind: 'fbp', value: 'fb.1.1.2' })).toBe(personIdFor(o, anon('a1')));
  });

  it('links a login to the anonymous visitor, and a second device through the user id', async () => {
    const o = org();
    const visitor = await graph.observe(o, [anon('a1')], T0);
    const login = await graph.observe(
      o,
      [user('u1'), anon('a1'), email('ann@example.com')],
      T0 + HOUR,
    );
    expect(login).toEqual({
      kind: 'person',
      person_id: (visitor as { person_id: string }).person_id,
      hashed: { email_sha256: sha('ann@example.com') },
    });
    // The anonymous event after the login carries the hashed email.
    const later = await graph.observe(o, [anon('a1')], T0 + 2 * HOUR);
    expect(later).toEqual(login);
    const phone = await graph.observe(o, [anon('a2'), user('u1')], T0 + 3 * HOUR);
    expect(phone).toEqual(login);
    const person = await graph.find(o, anon('a2'));
    expect(person?.links.map((l) => `${l.kind}:${l.value}`).sort()).toEqual([
      'anonymous_id:a1',
      'anonymous_id:a2',
      `email_sha256:${sha('ann@example.com')}`,
      'user_id:u1',
    ]);
    expect(await graph.merges(o, login.kind === 'person' ? login.person_id : '')).toEqual([]);
  });

  it('merges two persons into the one first seen earliest, and records why', async () => {
    const o = org();
    await graph.observe(o, [anon('laptop')], T0);
    await graph.observe(o, [anon('phone')], T0 + HOUR);
    await graph.observe(o, [anon('phone'), user('u1')], T0 + 2 * HOUR);
    const merged = await graph.observe(o, [anon('laptop'), user('u1')], T0 + 3 * HOUR);
    const laptop = personIdFor(o, anon('laptop'));
    const phone = personIdFor(o, anon('phone'));
    expect(merged.kind === 'person' && merged.person_id).toBe(laptop);
    expect(await personOf(o, anon('phone'))).toBe(laptop);
    expect(await personOf(o, user('u1'))).toBe(laptop);
    const merges = await graph.merges(o, laptop);
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({ from_person: phone, into_person: laptop, at: T0 + 3 * HOUR });
    expect(merges[0]!.reason).toContain('user_id');
    expect(merges[0]!.reason).toContain('earliest first seen kept');
    expect((await graph.find(o, anon('laptop')))?.first_seen).toBe(T0);
  });

  it('never merges two known users: a shared browser stays with the first, the event resolves to its own user', async () => {
    const o = org();
    const ann = await graph.observe(o, [anon('shared'), user('ann')], T0);
    const bob = await graph.observe(
      o,
      [anon('shared'), user('bob'), email('bob@example.com')],
      T0 + HOUR,
    );
    expect(bob.kind === 'person' && bob.person_id).toBe(personIdFor(o, user('bob')));
    expect(ann.kind === 'person' && ann.person_id).not.toBe(bob.kind === 'person' && bob.person_id);
    expect(await personOf(o, anon('shared'))).toBe(personIdFor(o, user('ann')));
    expect(await personOf(o, email('bob@example.com'))).toBe(personIdFor(o, user('bob')));
    // Ann's person does not learn Bob's email.
    const annAgain = await graph.observe(o, [user('ann')], T0 + 2 * HOUR);
    expect(annAgain).toEqual({
      kind: 'person',
      person_id: personIdFor(o, user('ann')),
      hashed: {},
    });
  });

  it('keeps first seen and refreshes last seen (at most once per touch interval)', async () => {
    const o = org();
    await graph.observe(o, [anon('a1')], T0);
    await graph.observe(o, [anon('a1')], T0 + TOUCH_EVERY_MS + 1);
    const link = (await graph.find(o, anon('a1')))!.links[0]!;
    expect(link.first_seen).toBe(T0);
    expect(link.last_seen).toBe(T0 + TOUCH_EVERY_MS + 1);
  });

  it('ends with one person when devices of one user are observed at the same time', async () => {
    const o = org();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => graph.observe(o, [anon(`dev-${i}`), user('u1')], T0 + i)),
    );
    const people = new Set(results.map((r) => (r.kind === 'person' ? r.person_id : r.kind)));
    expect(people).toEqual(new Set([personIdFor(o, user('u1'))]));
    expect((await graph.find(o, user('u1')))?.links).toHaveLength(9);
  });

  it('keeps organisations apart: the same ids in two organisations are two persons', async () => {
    const [o1, o2] = [org(), org()];
    await graph.observe(o1, [anon('a1'), email('ann@example.com')], T0);
    const other = await graph.observe(o2, [anon('a1')], T0);
    expect(other).toEqual({ kind: 'person', person_id: personIdFor(o2, anon('a1')), hashed: {} });
    expect(personIdFor(o1, anon('a1'))).not.toBe(personIdFor(o2, anon('a1')));
  });

  it('erases a person: links and merges gone, every identifier suppressed, other persons untouched', async () => {
    const o = org();
    await graph.observe(o, [anon('a1')], T0);
    await graph.observe(o, [anon('a2'), user('u1')], T0 + 1);
    await graph.observe(o, [anon('a1'), user('u1'), email('ann@example.com')], T0 + 2);
    await graph.observe(o, [anon('someone-else')], T0 + 3);
    const person = personIdFor(o, anon('a1'));
    const erased = await graph.erase(o, person, T0 + 10);
    expect(erased?.links.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([
      'anonymous_id:a1',
      'anonymous_id:a2',
      `email_sha256:${sha('ann@example.com')}`,
      'user_id:u1',
    ]);
    expect(erased).toMatchObject({ person_id: person, merges: 1, suppressions: 4 });
    expect(await graph.find(o, user('u1'))).toBeUndefined();
    expect(await graph.merges(o, person)).toEqual([]);
    expect(await graph.observe(o, [anon('a2')], T0 + 20)).toEqual({ kind: 'suppressed' });
    expect(await graph.observe(o, [anon('new-device'), email('ann@example.com')], T0 + 20)).toEqual(
      { kind: 'suppressed' },
    );
    expect(await graph.find(o, anon('new-device'))).toBeUndefined();
    expect(await graph.suppressed(o, [user('u1')])).toBe(true);
    expect(await graph.suppressed(org(), [user('u1')])).toBe(false);
    expect(await personOf(o, anon('someone-else'))).toBe(personIdFor(o, anon('someone-else')));
    expect(await graph.erase(o, person, T0 + 30)).toBeUndefined();
    expect(await graph.unsuppress(o, [user('u1')])).toBe(1);
    expect(await graph.suppressed(o, [user('u1')])).toBe(false);
    expect(await graph.suppressed(o, [anon('a1')])).toBe(true);
  });

  it('lists an organisation’s suppression hashes, or nothing past the limit', async () => {
    const o = org();
    expect(await graph.suppressions(o, 10)).toEqual([]);
    await graph.suppress(o, [user('u1'), anon('a1')], T0);
    await graph.suppress(org(), [user('u9')], T0);
    expect((await graph.suppressions(o, 2))?.sort()).toEqual(
      [sha('anonymous_id:a1'), sha('user_id:u1')].sort(),
    );
    expect(await graph.suppressions(o, 1)).toBeUndefined();
  });

  describe('through the processor rule (resolveIdentity)', () => {
    const event = (over: Record<string, unknown>) => ({
      anonymous_id: 'a1',
      traits: {},
      context: { consent: { analytics: true, marketing: true } },
      ...over,
    });

    it('learns nothing and adds nothing when consent for learning is withheld', async () => {
      const o = org();
      const outcome = await resolveIdentity(
        graph,
        DEFAULT_IDENTITY_SETTINGS,
        o,
        event({ user_id: 'u1', context: { consent: { analytics: false, marketing: true } } }),
        T0,
      );
      expect(outcome).toEqual({ kind: 'ok', learned: false });
      expect(await graph.find(o, anon('a1'))).toBeUndefined();
      const noConsent = await resolveIdentity(
        graph,
        DEFAULT_IDENTITY_SETTINGS,
        o,
        event({ context: {} }),
        T0,
      );
      expect(noConsent).toEqual({ kind: 'ok', learned: false });
      expect(await graph.find(o, anon('a1'))).toBeUndefined();
    });

    it('adds the hashed email learned at login to a later anonymous event, only with consent to share', async () => {
      const o = org();
      await resolveIdentity(
        graph,
        DEFAULT_IDENTITY_SETTINGS,
        o,
        event({ type: 'identify', user_id: 'u1', traits: { email: ' Ann@Example.com ' } }),
        T0,
      );
      const cart = await resolveIdentity(graph, DEFAULT_IDENTITY_SETTINGS, o, event({}), T0 + 1);
      expect(cart).toEqual({
        kind: 'ok',
        learned: true,
        identity: { person_id: personIdFor(o, user('u1')), email_sha256: sha('ann@example.com') },
      });
      const noMarketing = await resolveIdentity(
        graph,
        DEFAULT_IDENTITY_SETTINGS,
        o,
        event({ context: { consent: { analytics: true } } }),
        T0 + 2,
      );
      expect(noMarketing).toEqual({
        kind: 'ok',
        learned: true,
        identity: { person_id: personIdFor(o, user('u1')) },
      });
    });

    it('drops a suppressed person’s events even when consent for learning is withheld', async () => {
      const o = org();
      await resolveIdentity(graph, DEFAULT_IDENTITY_SETTINGS, o, event({ user_id: 'u1' }), T0);
      await graph.erase(o, personIdFor(o, user('u1')), T0 + 1);
      expect(await resolveIdentity(graph, DEFAULT_IDENTITY_SETTINGS, o, event({}), T0 + 2)).toEqual(
        { kind: 'suppressed' },
      );
      expect(
        await resolveIdentity(graph, DEFAULT_IDENTITY_SETTINGS, o, event({ context: {} }), T0 + 2),
      ).toEqual({ kind: 'suppressed' });
    });
  });
});
