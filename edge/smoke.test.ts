import { env, exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('runs inside workerd with the KV binding', async () => {
  await env.PIPELINE_KEYS.put('dk_x', '{}');
  expect(await env.PIPELINE_KEYS.get('dk_x')).toBe('{}');
  const res = await exports.default.fetch('http://edge.test/healthz');
  expect(res.status).toBe(200);
});
