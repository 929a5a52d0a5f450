// Hostile input at the admin door (issue 12): each case is a request an attacker sent and the
// client error it must get (never a 500), naming the field or saying there is none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../core/db/client.js';
import { ADMIN_TOKEN, backends, testAdmin, type TestAdmin } from './testing/index.js';

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

interface Case {
  name: string;
  method: string;
  /** `{pid}` is replaced by a real pipeline id. */
  path: string;
  /** Raw body text. */
  body?: string;
  type?: string;
  status: number;
  code: string;
  field: string | RegExp;
}

// Every admin route with an id in its path, the id replaced by one with a NUL byte.
const routesWithIds = [
  ['GET', '/integration-catalog/{x}'],
  ['GET', '/pipelines/{x}'],
  ['PUT', '/pipelines/{x}'],
  ['DELETE', '/pipelines/{x}'],
  ['GET', '/pipelines/{x}/keys'],
  ['POST', '/pipelines/{pid}/keys/{x}/revoke'],
  ['POST', '/pipelines/{pid}/keys/{x}/rotate'],
  ['GET', '/pipelines/{x}/sources'],
  ['PUT', '/pipelines/{pid}/sources/{x}'],
  ['DELETE', '/tokens/{x}'],
  ['GET', '/pipelines/{x}/integrations'],
  ['PUT', '/pipelines/{pid}/integrations/{x}'],
  ['DELETE', '/pipelines/{pid}/integrations/{x}'],
  ['GET', '/integration-templates/{x}'],
  ['DELETE', '/integration-templates/{x}'],
  ['GET', '/integration-templates/{x}/revisions'],
  ['GET', '/integration-templates/{x}/revisions/{x}'],
  ['GET', '/integrations/{x}/dlq'],
  ['GET', '/integrations/{x}/dlq/export'],
  ['GET', '/integrations/{x}/dlq/{x}'],
  ['POST', '/integrations/{x}/dlq/replay'],
  ['GET', '/integrations/{x}/stats'],
] as const;

const cases: Case[] = [
  ...routesWithIds.map(([method, path]): Case => ({
    name: `${method} ${path} with a NUL byte in the id is a 400 naming the path`,
    method,
    path: path.replaceAll('{x}', 'pip_%00x'),
    ...(method === 'PUT' || method === 'POST' ? { body: '{}' } : {}),
    status: 400,
    code: 'invalid_request',
    field: '(path)',
  })),
  {
    name: 'a NUL byte in a query parameter names the parameter',
    method: 'GET',
    path: '/audit-log?entity_id=a%00b',
    status: 400,
    code: 'invalid_request',
    field: 'entity_id',
  },
  {
    name: 'a NUL byte in a DLQ filter names the parameter',
    method: 'GET',
    path: '/integrations/pint_1/dlq?reason=%00',
    status: 400,
    code: 'invalid_request',
    field: 'reason',
  },
  {
    name: 'a NUL byte in a JSON string names the field',
    method: 'POST',
    path: '/pipelines',
    body: '{"name":"a\\u0000b"}',
    status: 400,
    code: 'invalid_request',
    field: 'name',
  },
  {
    name: 'a NUL byte in a replay filter body names the field',
    method: 'POST',
    path: '/integrations/pint_1/dlq/replay',
    body: '{"filter":{"reason":"x\\u0000"}}',
    status: 400,
    code: 'invalid_request',
    field: 'filter.reason',
  },
  {
    name: 'a transformation value nested 10,000 deep is a 400 naming the field, not a 500',
    method: 'PUT',
    path: '/pipelines/{pid}',
    body: `{"transformations":[{"type":"set","path":"properties.x","value":${nested(10_000)}}]}`,
    status: 400,
    code: 'invalid_request',
    field: /^transformations\.0\.value(\.0)+$/,
  },
  {
    name: 'a transformation path through __proto__ is refused at save naming the field',
    method: 'PUT',
    path: '/pipelines/{pid}',
    body: '{"transformations":[{"op":"set","path":"__proto__.polluted","value":1}]}',
    status: 400,
    code: 'invalid_request',
    field: /^transformations\.0\.path$/,
  },
  {
    name: 'a webhook URL with user-info is refused at save naming the field',
    method: 'POST',
    path: '/integration-catalog/webhook/install',
    body: '{"name":"Hook","config":{"url":"https://user:pass@hooks.example/in"}}',
    status: 400,
    code: 'invalid_request',
    field: /url/,
  },
  {
    name: 'a condition regex RE2 cannot run in linear time (a backreference) is refused at save naming the field',
    method: 'PUT',
    path: '/pipelines/{pid}',
    body: '{"transformations":[{"op":"set","path":"properties.x","value":1,"when":{"path":"event","matches":"(a)\\\\1"}}]}',
    status: 400,
    code: 'invalid_request',
    field: /^transformations\.0\.when/,
  },
  ...[
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['the IPv6 metadata address', 'http://[fd00:ec2::254]/latest/meta-data/'],
    ['a private network', 'http://10.0.0.5/hook'],
    ['the metadata address written as one hex number', 'http://0xa9fea9fe/'],
    ['an internal name', 'http://metadata.google.internal/computeMetadata/v1/'],
  ].map(([what, url]): Case => ({
    name: `a webhook URL to ${what} is refused at save naming the field`,
    method: 'POST',
    path: '/integration-catalog/webhook/install',
    body: JSON.stringify({ name: 'Hook', config: { url } }),
    status: 400,
    code: 'invalid_request',
    field: 'config.url',
  })),
  {
    name: 'a custom Delivery Spec token URL to the metadata address is refused naming the path inside the spec',
    method: 'POST',
    path: '/integration-catalog/webhook/install',
    body: JSON.stringify({
      name: 'Hook',
      config: { url: 'https://hooks.example/in', endpoint_override: 'http://169.254.169.254/' },
    }),
    status: 400,
    code: 'invalid_request',
    field: 'config.endpoint_override',
  },
  {
    name: 'a pipeline parameter that is a private URL is refused naming the parameter',
    method: 'PUT',
    path: '/pipelines/{pid}',
    body: JSON.stringify({ parameters: { hook_url: 'http://192.168.0.10/in' } }),
    status: 400,
    code: 'invalid_request',
    field: 'parameters.hook_url',
  },
  {
    name: 'malformed JSON is invalid_json naming the body',
    method: 'POST',
    path: '/pipelines',
    body: '{"name":',
    status: 400,
    code: 'invalid_json',
    field: '(body)',
  },
  {
    name: 'a body over 1 MB is 413 naming the body',
    method: 'POST',
    path: '/pipelines',
    body: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }),
    status: 413,
    code: 'payload_too_large',
    field: '(body)',
  },
  {
    name: 'a body that is not JSON is 415 naming Content-Type',
    method: 'POST',
    path: '/pipelines',
    body: 'name=x',
    type: 'text/plain',
    status: 415,
    code: 'unsupported_media_type',
    field: 'Content-Type',
  },
];

describe.each(backends)('hostile admin input on $name', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let admin: TestAdmin;
  let pid = '';

  beforeAll(async () => {
    ({ database, drop } = await backend.open());
    admin = await testAdmin(database);
    pid = ((await admin.call('POST', '/pipelines', { name: 'Shop' })).body as { id: string }).id;
  });
  afterAll(async () => drop());

  it.each(cases)('$name', async (c) => {
    const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
    if (c.body !== undefined) headers['content-type'] = c.type ?? 'application/json';
    const res = await admin.app.request(`/v1/admin${c.path.replace('{pid}', pid)}`, {
      method: c.method,
      headers,
      ...(c.body === undefined ? {} : { body: c.body }),
    });
    expect(res.status).toBe(c.status);
    const { error } = (await res.json()) as { error: { code: string; field?: string } };
    expect(error.code).toBe(c.code);
    expect(error.field).toMatch(c.field);
  });

  // Issue 12, finding 4: query secrets and custom header values came back in clear.
  it('masks URL query secrets and custom header values on every read path, and keeps them when sent back masked', async () => {
    const config = {
      url: 'https://hooks.example/in?api_key=sk-live-0123456789&region=eu',
      headers: { 'X-Api-Key': 'hdr-secret-0123456789' },
    };
    const installed = await admin.call('POST', '/integration-catalog/webhook/install', {
      name: 'Hook',
      config,
    });
    expect(installed.status).toBe(201);
    const tid = installed.body.id as string;
    const revisions = await admin.call('GET', `/integration-templates/${tid}/revisions`);
    const rid = revisions.body.revisions[0].id as string;
    const revision = await admin.call('GET', `/integration-templates/${tid}/revisions/${rid}`);
    const preview = await admin.call('POST', `/integration-templates/${tid}/preview`, {
      events: [{ type: 'track', event: 'X' }],
    });
    expect(preview.status).toBe(200);
    for (const answer of [installed, revisions, revision, preview]) {
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain('sk-live-0123456789');
      expect(text).not.toContain('hdr-secret-0123456789');
    }
    expect(revision.body.config).toMatchObject({
      url: 'https://hooks.example/in?api_key=••••&region=eu',
      headers: { 'X-Api-Key': '••••6789' },
    });
    const next = await admin.call('POST', `/integration-templates/${tid}/revisions`, {
      config: revision.body.config,
      change_summary: 'unchanged secrets',
    });
    expect(next.status).toBe(201);
    const stored = await admin.deps.database.db.query.integrationRevisions.findFirst({
      where: (r, { eq }) => eq(r.id, next.body.id as string),
    });
    expect(stored?.config).toMatchObject(config);
    const forged = await admin.call('POST', `/integration-templates/${tid}/revisions`, {
      config: { ...revision.body.config, headers: { 'X-Api-Key': '••••0000' } },
    });
    expect(forged.status).toBe(400);
  });
});
