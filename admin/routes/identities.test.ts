// Data-subject requests (docs/identity.md): find a person by user id, email or anonymous id with
// where its data sits; erase it from the graph, the DLQ, the ledger and the dedup record, leaving
// suppression records; audited without identifiers; admins only; bad queries are 400s naming the
// field. On PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdFor } from '../../core/identity/identifiers.js';
import type { Database } from '../../core/db/client.js';
import {
  deliveryDelivered,
  deliveryDlq,
  deliveryOutcomes,
  processorSeen,
} from '../../core/db/schema/index.js';
import { drizzleIdentityGraph } from '../../core/db/stores/identity.js';
import { backends, testAdmin, type TestAdmin } from '../testing/index.js';

const T0 = Date.parse('2026-02-20T09:00:00Z');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ORG = 'org_00000001';
const JANE = personIdFor(ORG, { kind: 'anonymous_id', value: 'anon-jane' });

describe.each(backends)('identities routes on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let pipelineId: string;

  const dlqRow = (id: string, eventId: string, envelope: Record<string, unknown>) => ({
    id,
    integrationId: 'tmpl_meta',
    pipelineId,
    pipelineIntegrationId: 'pi_1',
    revisionId: 'rev_1',
    vendor: 'meta_capi',
    eventId,
    attempts: 5,
    code: 'vendor_rejected',
    reason: 'rejected',
    firstAttemptAt: new Date(T0),
    failedAt: new Date(T0),
    message: JSON.stringify({
      v: 1,
      pipeline_id: pipelineId,
      envelope: { event_id: eventId, ...envelope },
      trace: [],
    }),
  });

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    pipelineId = (await admin.call('POST', '/pipelines', { name: 'Shop' })).body.id;
    const graph = drizzleIdentityGraph(database.db);
    await graph.observe(ORG, [{ kind: 'anonymous_id', value: 'anon-jane' }], T0);
    await graph.observe(
      ORG,
      [
        { kind: 'user_id', value: 'u-jane' },
        { kind: 'anonymous_id', value: 'anon-jane' },
        { kind: 'email_sha256', value: sha('jane@example.com') },
      ],
      T0 + 1000,
    );
    await graph.observe(ORG, [{ kind: 'anonymous_id', value: 'anon-bob' }], T0);
    await database.db
      .insert(deliveryDlq)
      .values([
        dlqRow('dlq_1', 'evt-jane-1', { anonymous_id: 'anon-jane' }),
        dlqRow('dlq_2', 'evt-jane-2', { user_id: 'u-jane' }),
        dlqRow('dlq_3', 'evt-bob-1', { anonymous_id: 'anon-bob' }),
      ]);
    await database.db.insert(deliveryDelivered).values([
      { integrationId: 'tmpl_meta', eventId: 'evt-jane-1', deliveredAt: new Date(T0) },
      { integrationId: 'tmpl_meta', eventId: 'evt-bob-1', deliveredAt: new Date(T0) },
      // Delivered (never dead-lettered): found through the person id delivery recorded with it.
      {
        integrationId: 'tmpl_meta',
        eventId: 'evt-jane-3',
        personId: JANE,
        deliveredAt: new Date(T0),
      },
    ]);
    await database.db.insert(deliveryOutcomes).values([
      {
        integrationId: 'tmpl_meta',
        pipelineId,
        eventId: 'evt-jane-2',
        outcome: 'dead_lettered',
        attempt: 5,
        at: new Date(T0),
      },
      {
        integrationId: 'tmpl_meta',
        pipelineId,
        eventId: 'evt-bob-1',
        outcome: 'dead_lettered',
        attempt: 5,
        at: new Date(T0),
      },
      {
        integrationId: 'tmpl_meta',
        pipelineId,
        eventId: 'evt-jane-3',
        personId: JANE,
        outcome: 'delivered',
        attempt: 1,
        at: new Date(T0),
      },
    ]);
    await database.db.insert(processorSeen).values([
      { source: `${pipelineId}/src_1`, eventId: 'evt-jane-1', seenAt: new Date(T0) },
      { source: `${pipelineId}/src_1`, eventId: 'evt-bob-1', seenAt: new Date(T0) },
    ]);
  });
  afterAll(async () => drop());

  it('finds the person by email (normalised), with its identifiers, first/last seen and where its data sits', async () => {
    const { status, body } = await admin.call('GET', '/identities?email=%20Jane@Example.COM%20');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      found: true,
      suppressed: false,
      person: {
        person_id: personIdFor(ORG, { kind: 'anonymous_id', value: 'anon-jane' }),
        first_seen: new Date(T0).toISOString(),
      },
    });
    expect(
      body.person.identifiers
        .map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)
        .sort(),
    ).toEqual([
      'anonymous_id:anon-jane',
      `email_sha256:${sha('jane@example.com')}`,
      'user_id:u-jane',
    ]);
    expect(body.data).toEqual({
      graph: { identifiers: 3 },
      dlq: { entries: 2, integrations: ['tmpl_meta'] },
      ledger: { entries: 2 },
      traces: { stored: 0, note: expect.any(String) },
    });
    const byAnon = await admin.call('GET', '/identities?anonymous_id=anon-jane');
    expect(byAnon.body.person.person_id).toBe(body.person.person_id);
  });

  it('answers found: false for an identifier nobody holds', async () => {
    const { status, body } = await admin.call('GET', '/identities?user_id=nobody');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      found: false,
      suppressed: false,
      person: null,
      data: { graph: { identifiers: 0 }, dlq: { entries: 0 } },
    });
  });

  it('refuses bad queries with a 400 naming the field, and callers below admin with a 403', async () => {
    expect((await admin.call('GET', '/identities')).status).toBe(400);
    const both = await admin.call('GET', '/identities?user_id=a&anonymous_id=b');
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('anonymous_id');
    const email = await admin.call('DELETE', '/identities?email=not-an-email');
    expect(email.status).toBe(400);
    expect(JSON.stringify(email.body)).toContain('email');
    expect((await admin.call('GET', `/identities?user_id=${'x'.repeat(600)}`)).status).toBe(400);
    const editor = await admin.call('POST', '/tokens', { name: 'ed', role: 'editor' });
    expect(
      (await admin.call('GET', '/identities?user_id=u-jane', undefined, editor.body.token)).status,
    ).toBe(403);
    expect(
      (await admin.call('DELETE', '/identities?user_id=u-jane', undefined, editor.body.token))
        .status,
    ).toBe(403);
  });

  it('erases the person everywhere, leaves suppression records, audits without identifiers, and leaves others alone', async () => {
    const { status, body } = await admin.call('DELETE', '/identities?user_id=u-jane');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      person_id: personIdFor(ORG, { kind: 'anonymous_id', value: 'anon-jane' }),
      erased: {
        merges: 0,
        dlq_entries: 2,
        ledger_entries: 2,
        outcomes: 2,
        dedup_entries: 1,
        traces: 0,
      },
      suppressions: 3,
    });
    expect(body.erased.identifiers).toHaveLength(3);

    const after = await admin.call('GET', '/identities?anonymous_id=anon-jane');
    expect(after.body).toMatchObject({
      found: false,
      suppressed: true,
      data: { dlq: { entries: 0 }, ledger: { entries: 0 } },
    });
    const graph = drizzleIdentityGraph(database.db);
    expect(
      await graph.observe(
        ORG,
        [
          { kind: 'anonymous_id', value: 'new-device' },
          { kind: 'email_sha256', value: sha('jane@example.com') },
        ],
        T0 + 5000,
      ),
    ).toEqual({ kind: 'suppressed' });

    const bob = await admin.call('GET', '/identities?anonymous_id=anon-bob');
    expect(bob.body).toMatchObject({
      found: true,
      data: { dlq: { entries: 1 }, ledger: { entries: 1 } },
    });
    expect(await database.db.select().from(deliveryOutcomes)).toHaveLength(1);
    expect(await database.db.select().from(processorSeen)).toHaveLength(1);

    const audit = await admin.call('GET', '/audit-log');
    const entry = audit.body.entries.find((e: { action: string }) => e.action === 'identity.erase');
    expect(entry).toMatchObject({
      entity_type: 'identity',
      entity_id: body.person_id,
      details: { identifiers: 3, dlq_entries: 2, suppressions: 3 },
    });
    expect(JSON.stringify(entry)).not.toContain('u-jane');
    expect(JSON.stringify(entry)).not.toContain('anon-jane');
  });

  it('suppresses an identifier the graph never learned (a request before any consent to learn)', async () => {
    const { body } = await admin.call('DELETE', '/identities?email=never@example.com');
    expect(body).toMatchObject({
      person_id: null,
      erased: { identifiers: [], dlq_entries: 0 },
      suppressions: 1,
    });
    expect((await admin.call('GET', '/identities?email=never@example.com')).body).toMatchObject({
      found: false,
      suppressed: true,
    });
    const again = await admin.call('DELETE', '/identities?email=never@example.com');
    expect(again.body.suppressions).toBe(0);
  });

  it('lifts a suppression when the person asks to be tracked again, audited', async () => {
    await admin.call('DELETE', '/identities?user_id=comes-back');
    expect((await admin.call('GET', '/identities?user_id=comes-back')).body.suppressed).toBe(true);
    const lifted = await admin.call('DELETE', '/identities/suppressions?user_id=comes-back');
    expect(lifted).toEqual({ status: 200, body: { lifted: 1 } });
    expect((await admin.call('GET', '/identities?user_id=comes-back')).body.suppressed).toBe(false);
    expect(
      (await admin.call('DELETE', '/identities/suppressions?user_id=comes-back')).body,
    ).toEqual({ lifted: 0 });
    const graph = drizzleIdentityGraph(database.db);
    expect(
      (await graph.observe(ORG, [{ kind: 'user_id', value: 'comes-back' }], T0 + 9000)).kind,
    ).toBe('person');
    const audit = await admin.call('GET', '/audit-log');
    expect(
      audit.body.entries.some((e: { action: string }) => e.action === 'identity.unsuppress'),
    ).toBe(true);
  });
});
