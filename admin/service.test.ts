// The admin process: config parsing, and the { start, close } service on a random port with
// migrations, the bootstrap token and the OpenAPI document.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createAdminService } from './service.js';

describe('admin config', () => {
  it.each([
    {
      name: 'defaults to port 8084, PGlite in ./.datafly and no KV',
      env: {},
      expected: {
        PORT: 8084,
        DATAFLY_DATA_DIR: './.datafly',
        KV_DRIVER: 'none',
        DATABASE_URL: undefined,
      },
    },
    {
      name: 'treats an empty DATABASE_URL as unset',
      env: { DATABASE_URL: '', PORT: '0' },
      expected: { PORT: 0, DATABASE_URL: undefined },
    },
  ])('$name', ({ env, expected }) => {
    const config: Record<string, unknown> = loadConfig(env);
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, config[k]]))).toEqual(expected);
  });

  it.each([
    { name: 'a short bootstrap token', env: { ADMIN_BOOTSTRAP_TOKEN: 'short' } },
    {
      name: 'Cloudflare KV without credentials',
      env: { KV_DRIVER: 'cloudflare', CF_ACCOUNT_ID: 'a' },
    },
    { name: 'a port out of range', env: { PORT: '70000' } },
  ])('refuses $name', ({ env }) => {
    expect(() => loadConfig(env)).toThrow();
  });
});

describe('admin service', () => {
  it('starts on a random port with an in-memory PGlite, bootstraps the admin token and closes', async () => {
    const service = createAdminService(
      loadConfig({
        PORT: '0',
        DATAFLY_DATA_DIR: 'memory://',
        ADMIN_BOOTSTRAP_TOKEN: 'bootstrap-token-0123456789',
      }),
    );
    const { url } = await service.start();
    try {
      const doc = await fetch(`${url}/v1/admin/openapi.json`);
      expect(doc.status).toBe(200);
      const unauthorised = await fetch(`${url}/v1/admin/pipelines`);
      expect(unauthorised.status).toBe(401);
      const created = await fetch(`${url}/v1/admin/pipelines`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer bootstrap-token-0123456789',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'Marketing Website' }),
      });
      expect(created.status).toBe(201);
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('process_cpu_seconds_total');
    } finally {
      await service.close();
    }
  });

  it('keeps its data in DATAFLY_DATA_DIR across restarts and migrates idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datafly-admin-'));
    const headers = {
      authorization: 'Bearer bootstrap-token-0123456789',
      'content-type': 'application/json',
    };
    try {
      const first = createAdminService(
        loadConfig({
          PORT: '0',
          DATAFLY_DATA_DIR: dir,
          ADMIN_BOOTSTRAP_TOKEN: 'bootstrap-token-0123456789',
        }),
      );
      const { url } = await first.start();
      await fetch(`${url}/v1/admin/pipelines`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Survives restarts' }),
      });
      await first.close();

      const second = createAdminService(
        loadConfig({
          PORT: '0',
          DATAFLY_DATA_DIR: dir,
          ADMIN_BOOTSTRAP_TOKEN: 'a-different-token-0123456789',
        }),
      );
      const again = await second.start();
      try {
        const list = await fetch(`${again.url}/v1/admin/pipelines`, { headers });
        expect(
          ((await list.json()) as { pipelines: { name: string }[] }).pipelines.map((p) => p.name),
        ).toEqual(['Survives restarts']);
        expect(
          (
            await fetch(`${again.url}/v1/admin/pipelines`, {
              headers: { authorization: 'Bearer a-different-token-0123456789' },
            })
          ).status,
        ).toBe(401);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
