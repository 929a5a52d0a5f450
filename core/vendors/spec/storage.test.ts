// The Delivery Spec's storage features: AWS SigV4 signing (through aws4fetch, checked against
// AWS's own example signature), gzip bodies sealed just before sending, idempotent batch names,
// `then` steps (upload, then load), key-pair JWT, and the generic double's checks of signatures
// and object contents (a tampered body, a wrong secret, a row without its id are refused).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startVendorDouble, type VendorDouble } from '../../doubles/index.js';
import { deliverySpec } from '../delivery_spec/index.js';
import { s3 } from '../s3/index.js';
import { sendOutbound } from '../send.js';
import { fetchTransport } from '../transport.js';
import { fullPurchase, makeEvent } from '../testing/events.js';
import type { OutboundRequest } from '../types.js';
import { compileAuth, publicKeyFingerprint, sigv4Headers, type WireDraft } from './auth.js';
import type { VendorDeclaration } from './declaration.js';
import { declareVendor } from './declared.js';
import { batchFacts } from './interpret.js';

const doubles: VendorDouble[] = [];
afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()));
});
const start = async (
  check: (req: Parameters<typeof s3.double.check>[0]) => ReturnType<typeof s3.double.check>,
): Promise<VendorDouble> => {
  const d = await startVendorDouble({ respond: (req) => check(req) });
  doubles.push(d);
  return d;
};

describe('aws_sigv4', () => {
  it('signs AWS’s documented S3 PUT example to its published signature (the body hash in x-amz-content-sha256)', async () => {
    // docs/vendors/more-vendors-and-catalog.md §15: PUT /test$file.text, "Welcome to Amazon S3.", 20130524T000000Z.
    const headers = await sigv4Headers(
      {
        method: 'PUT',
        url: 'https://examplebucket.s3.amazonaws.com/test$file.text',
        headers: {
          date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        },
        body: 'Welcome to Amazon S3.',
      },
      {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        region: 'us-east-1',
        service: 's3',
      },
      Date.parse('2013-05-24T00:00:00Z'),
    );
    expect(headers['x-amz-content-sha256']).toBe(
      '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, ' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('adds the session token of temporary credentials, signed', async () => {
    const auth = compileAuth(
      {
        kind: 'aws_sigv4',
        access_key_id: '{{settings.k}}',
        secret_access_key: '{{settings.s}}',
        session_token: '{{settings.t}}',
        region: 'eu-west-1',
        service: 'firehose',
      },
      'spec.auth',
    );
    const wire: WireDraft = {
      method: 'POST',
      url: 'https://firehose.eu-west-1.amazonaws.com/',
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    };
    await auth.seal!(
      wire,
      { settings: { k: 'AKID', s: 'secret', t: 'session-token' } },
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(wire.headers).toMatchObject({
      'x-amz-security-token': 'session-token',
      'x-amz-date': '20260101T000000Z',
    });
    expect(wire.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/20260101\/eu-west-1\/firehose\/aws4_request, SignedHeaders=[^,]*x-amz-security-token/,
    );
  });

  it('refuses to sign without credentials, naming the auth block', async () => {
    const auth = compileAuth(
      {
        kind: 'aws_sigv4',
        access_key_id: '{{settings.k}}',
        secret_access_key: '{{settings.s}}',
        region: 'us-east-1',
        service: 's3',
      },
      'spec.auth',
    );
    await expect(
      auth.seal!(
        { method: 'PUT', url: 'https://b.s3.amazonaws.com/k', headers: {} },
        { settings: {} },
        Date.now(),
      ),
    ).rejects.toMatchObject({ code: 'config_error', field: 'spec.auth' });
  });
});

describe('custom Delivery Specs', () => {
  it('a customer’s spec with gzip and aws_sigv4 is compressed and signed like a built-in one', async () => {
    const settings = deliverySpec.parseSettings({
      spec: {
        endpoint: { base_url: 'https://firehose.eu-west-1.amazonaws.com', path: '/' },
        auth: {
          kind: 'aws_sigv4',
          access_key_id: '{{settings.username}}',
          secret_access_key: '{{settings.password}}',
          region: 'eu-west-1',
          service: 'firehose',
        },
        body: { encoding: 'ndjson', compression: 'gzip' },
        item: { fields: { id: '{{event.event_id}}' } },
        batching: { max_events: 10, max_wait_ms: 30_000 },
      },
      username: 'AKID',
      password: 'secret',
    });
    const [req] = deliverySpec.format([makeEvent({ event_id: 'a' })], settings, {
      testMode: false,
    }).requests;
    const wire = await deliverySpec.seal!(req!, settings, Date.parse('2026-01-01T00:00:00Z'));
    expect(Buffer.from(wire.body as Uint8Array)).toEqual(gzipSync(Buffer.from('{"id":"a"}')));
    expect(wire.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/20260101\/eu-west-1\/firehose\/aws4_request/,
    );
    expect(deliverySpec.limits(settings).batchIntervalMs).toBe(30_000);
  });
});

describe('object uploads', () => {
  const settings = s3.definition.parseSettings({ ...s3.declaration.test_settings });

  it('names a batch by the hash of its event ids and the first event’s receipt date: the same batch, the same key', () => {
    const a = batchFacts(['e1', 'e2'], '2026-05-01T23:59:59.999Z');
    expect(a).toEqual({
      id: createHash('sha256').update('e1\ne2').digest('hex').slice(0, 32),
      date: '2026-05-01',
      hour: '23',
      count: 2,
    });
    expect(batchFacts(['e1', 'e2'], '2026-05-01T23:59:59.999Z')).toEqual(a);
    expect(batchFacts(['e2', 'e1'], '2026-05-01T23:59:59.999Z').id).not.toBe(a.id);
    const first = s3.definition.format([fullPurchase()], settings, { testMode: false, now: 1 })
      .requests[0]!;
    const retry = s3.definition.format([fullPurchase()], settings, {
      testMode: false,
      now: 9_999_999,
    }).requests[0]!;
    expect(retry.url).toBe(first.url);
  });

  it('seals the NDJSON text into gzip bytes signed with the hash of those bytes, the formatted request keeping the text', async () => {
    const req = s3.definition.format([fullPurchase(), makeEvent({ event_id: 'evt-2' })], settings, {
      testMode: false,
    }).requests[0]!;
    expect(
      req.body!.split('\n').map((l) => (JSON.parse(l) as { event_id: string }).event_id),
    ).toEqual(['ORD-1001', 'evt-2']);
    const wire = await s3.definition.seal!(req, settings, Date.parse('2026-01-01T12:00:00Z'));
    expect(wire.body).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(wire.body as Uint8Array)).toEqual(gzipSync(Buffer.from(req.body!)));
    expect(wire.headers['x-amz-content-sha256']).toBe(
      createHash('sha256')
        .update(wire.body as Uint8Array)
        .digest('hex'),
    );
    expect(wire.headers['content-encoding']).toBe('gzip');
    expect(wire.headers.authorization).toContain('/us-east-1/s3/aws4_request');
  });

  it('the double accepts the signed upload and refuses a tampered body, a wrong secret and a row without its id', async () => {
    const d = await start((req) => s3.double.check(req));
    const ok = s3.definition.parseSettings({
      ...s3.declaration.test_settings,
      endpoint_override: d.url,
    });
    const [req] = s3.definition.format([fullPurchase()], ok, { testMode: false }).requests;
    const sent = await sendOutbound(s3.definition, ok, req!, fetchTransport(), { now: Date.now });
    expect(sent.response.status).toBe(200);

    const wire = await s3.definition.seal!(req!, ok, Date.now());
    const tampered = await fetch(wire.url, {
      method: 'PUT',
      headers: wire.headers,
      body: gzipSync(Buffer.from(req!.body!.replace('59.98', '5.98'))),
    });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('x-amz-content-sha256 is not the SHA-256 of the body');

    // The hash header recomputed for the new body still leaves the signature wrong.
    const forged = gzipSync(Buffer.from(req!.body!.replace('59.98', '5.98')));
    const forgedRes = await fetch(wire.url, {
      method: 'PUT',
      headers: {
        ...wire.headers,
        'x-amz-content-sha256': createHash('sha256').update(forged).digest('hex'),
      },
      body: forged,
    });
    expect(forgedRes.status).toBe(403);
    expect(await forgedRes.text()).toContain('SignatureDoesNotMatch');

    const wrong = s3.definition.parseSettings({
      ...s3.declaration.test_settings,
      secret_access_key: 'not-the-secret',
      endpoint_override: d.url,
    });
    expect(
      (await sendOutbound(s3.definition, wrong, req!, fetchTransport(), { now: Date.now })).response
        .status,
    ).toBe(403);

    const noId: OutboundRequest = {
      ...req!,
      body: JSON.stringify({
        event_name: 'purchase',
        type: 'track',
        timestamp: 't',
        received_at: 't',
      }),
    };
    const bad = await sendOutbound(s3.definition, ok, noId, fetchTransport(), { now: Date.now });
    expect(bad.response.status).toBe(400);
    expect(bad.response.body).toContain('event_id is required');

    const plain = await fetch(wire.url, {
      method: 'PUT',
      headers: { ...wire.headers, 'content-encoding': 'identity' },
      body: req!.body!,
    });
    expect(plain.status).toBe(400);
  });
});

describe('then steps and key-pair JWT', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const decl: VendorDeclaration = {
    id: 'stage_then_load',
    name: 'Stage then load',
    category: 'cloud_storage',
    description: 'A test vendor: upload a file, then ask for it to be loaded.',
    api: 'test',
    docs: 'https://example.com/docs',
    status: 'beta',
    test_settings: {
      access_key_id: 'AKIDTEST',
      secret_access_key: 'secret',
      account: 'acme-xy',
      user: 'loader',
      private_key: pem,
    },
    settings: [
      { key: 'access_key_id', label: 'Key', type: 'secret', help: '' },
      { key: 'secret_access_key', label: 'Secret', type: 'secret', help: '' },
      { key: 'account', label: 'Account', type: 'string', help: '' },
      { key: 'user', label: 'User', type: 'string', help: '' },
      { key: 'private_key', label: 'Key', type: 'secret', help: '' },
    ],
    spec: {
      endpoint: {
        base_url: 'https://bucket.s3.amazonaws.com',
        path: '/stage/{{batch.id}}.ndjson.gz',
      },
      method: 'PUT',
      auth: {
        kind: 'aws_sigv4',
        access_key_id: '{{settings.access_key_id}}',
        secret_access_key: '{{settings.secret_access_key}}',
        region: 'us-east-1',
        service: 's3',
      },
      body: { encoding: 'ndjson', compression: 'gzip' },
      item: { fields: { event_id: '{{event.event_id}}' } },
      batching: { max_events: 100 },
      then: {
        endpoint: { base_url: 'https://acme.example.com', path: '/v1/load' },
        auth: {
          kind: 'keypair_jwt',
          private_key: '{{settings.private_key}}',
          issuer:
            '{{settings.account | uppercase}}.{{settings.user | uppercase}}.{{settings.public_key_fingerprint}}',
          subject: '{{settings.account | uppercase}}.{{settings.user | uppercase}}',
          headers: { 'X-Token-Type': 'KEYPAIR_JWT' },
        },
        body: { files: [{ path: '{{batch.id}}.ndjson.gz' }] },
        answer: { error_message: ['message'] },
      },
    },
    mapping: {
      fields: [{ path: 'event_id', required: true, auto: true, description: 'id' }],
      defaults: { defaults: { action: 'pass_through' } },
    },
  };
  const vendor = declareVendor(decl);

  it('signs a JWT whose issuer carries the public key’s SHA256 fingerprint and verifies with the public key', async () => {
    const settings = vendor.definition.parseSettings(decl.test_settings);
    const { token, expiresAt } = await vendor.definition.authorize!(settings, fetch);
    const claims = decodeJwt(token);
    const fp = `SHA256:${createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64')}`;
    expect(publicKeyFingerprint(pem)).toBe(fp);
    expect(claims).toMatchObject({ iss: `ACME-XY.LOADER.${fp}`, sub: 'ACME-XY.LOADER' });
    expect(claims.exp! - claims.iat!).toBe(3540);
    expect(expiresAt).toBe(claims.exp! * 1000);
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
  });

  it('formats the upload with a load step naming the same file, sent after the upload succeeded', async () => {
    const d = await start((req) => vendor.double.check(req));
    const settings = vendor.definition.parseSettings({
      ...decl.test_settings,
      endpoint_override: d.url,
    });
    const { token } = await vendor.definition.authorize!(settings, fetch);
    const [req] = vendor.definition.format(
      [makeEvent({ event_id: 'a' }), makeEvent({ event_id: 'b' })],
      settings,
      { testMode: false, accessToken: token },
    ).requests;
    const id = batchFacts(['a', 'b'], makeEvent().received_at).id;
    expect(req!.url).toBe(`${d.url}/stage/${id}.ndjson.gz`);
    expect(req!.then).toMatchObject({
      method: 'POST',
      url: `${d.url}/v1/load`,
      event_ids: ['a', 'b'],
      headers: { authorization: `Bearer ${token}`, 'x-token-type': 'KEYPAIR_JWT' },
    });
    expect(JSON.parse(req!.then!.body!)).toEqual({ files: [{ path: `${id}.ndjson.gz` }] });

    const sent = await sendOutbound(vendor.definition, settings, req!, fetchTransport(), {
      now: Date.now,
    });
    expect(d.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /stage/${id}.ndjson.gz`,
      'POST /v1/load',
    ]);
    expect(sent.step).toBe(req!.then);
    expect(vendor.definition.classify(sent.response, sent.step).map((o) => o.status)).toEqual([
      'delivered',
      'delivered',
    ]);
    // The load step is not gzipped or SigV4-signed: it is sealed by its own rules.
    expect(d.requests[1]!.headers['content-encoding']).toBeUndefined();
    expect(d.requests[1]!.headers.authorization).toBe(`Bearer ${token}`);
    // A load naming a file nobody uploaded is refused by the double.
    const stray = await fetch(req!.then!.url, {
      method: 'POST',
      headers: req!.then!.headers,
      body: JSON.stringify({ files: [{ path: 'elsewhere.ndjson.gz' }] }),
    });
    expect(stray.status).toBe(400);
    expect(await stray.text()).toContain('names no file uploaded before it');
  });

  it('stops after a failed upload (the load is not sent) and classifies the upload’s answer; a bad JWT is refused by the double', async () => {
    const d = await start((req) =>
      req.method === 'PUT'
        ? { status: 503, body: '<Error><Code>SlowDown</Code></Error>' }
        : vendor.double.check(req),
    );
    const settings = vendor.definition.parseSettings({
      ...decl.test_settings,
      endpoint_override: d.url,
    });
    const [req] = vendor.definition.format([makeEvent({ event_id: 'a' })], settings, {
      testMode: false,
      accessToken: 'x.y.z',
    }).requests;
    const sent = await sendOutbound(vendor.definition, settings, req!, fetchTransport(), {
      now: Date.now,
    });
    expect(d.requests).toHaveLength(1);
    expect(sent.step).toBe(req);
    expect(vendor.definition.classify(sent.response, sent.step)[0]).toMatchObject({
      status: 'retry',
    });

    const checked = await vendor.double.check({
      ...d.requests[0]!,
      method: 'POST',
      path: '/v1/load',
      url: '/v1/load',
      headers: { authorization: 'Bearer x.y.z' },
      json: { files: [] },
    });
    expect(checked).toMatchObject({ status: 403 });
  });

  it('refuses a spec where both steps use token auth', () => {
    const both = { ...decl, id: 'both', spec: { ...decl.spec, auth: decl.spec.then!.auth } };
    expect(() => declareVendor(both)).toThrow(/only one step may use token auth/);
  });
});
