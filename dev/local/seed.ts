/**
 * First-run demo data for the local stack, created through the admin API like a user would:
 * a pipeline, a browser key for the demo shop's origin, a server key, and GA4, Meta CAPI and a
 * Custom Webhook installed from the catalog, pointed at the vendor sandbox and assigned.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from '../sandbox/index.js';

export interface DemoState {
  created: boolean;
  pipeline_id: string;
  browser_key: string;
  server_key: string;
  /** The server key's HMAC secret (local demo only; shown once by the API). */
  server_secret: string;
  /** vendor → template id (`tmpl_…`). */
  integrations: Record<string, string>;
  webhook_hmac_secret: string;
}

interface SeedOptions {
  adminUrl: string;
  token: string;
  dataDir: string;
  sandbox: Sandbox;
  demoOrigins: string[];
}

/** The demo installs, with their sandbox endpoints. */
function demoInstalls(
  sandbox: Sandbox,
  webhookSecret: string,
): { vendor: string; name: string; config: Record<string, unknown> }[] {
  return [
    {
      vendor: 'ga4',
      name: 'GA4 (demo)',
      config: {
        measurement_id: '{{pipeline_param.ga4_measurement_id}}',
        api_secret: 'demo-ga4-api-secret',
        consent_categories: ['analytics'],
        batch_interval_ms: 200,
        endpoint_override: sandbox.vendorUrl('ga4'),
      },
    },
    {
      vendor: 'meta_capi',
      name: 'Meta CAPI (demo)',
      config: {
        pixel_id: '{{pipeline_param.meta_pixel_id}}',
        access_token: 'demo-meta-access-token',
        consent_categories: ['marketing'],
        batch_interval_ms: 200,
        endpoint_override: sandbox.vendorUrl('meta_capi'),
      },
    },
    {
      vendor: 'webhook',
      name: 'Order webhook (demo)',
      config: {
        url: `${sandbox.vendorUrl('webhook')}/events`,
        auth_method: 'hmac',
        hmac_secret: webhookSecret,
        payload_format: 'canonical',
        batch_interval_ms: 200,
        // One event a request, to the local sandbox: the vendor's default 50 requests/s would let
        // a load over 50 events/s back up in the bus (docs/local-stack.md "Memory").
        rate_limit_rps: 200,
      },
    },
  ];
}

/**
 * Seed once; later runs read the state back from the data folder.
 *
 * @example const demo = await seedDemo({ adminUrl, token, dataDir, sandbox, demoOrigins: ['http://localhost:8090'] });
 */
export async function seedDemo(options: SeedOptions): Promise<DemoState> {
  const file = join(options.dataDir, 'demo.json');
  try {
    return { ...(JSON.parse(await readFile(file, 'utf8')) as DemoState), created: false };
  } catch {
    // First run: fall through and create everything.
  }
  const api = adminClient(options.adminUrl, options.token);
  const pipeline = await api<{ id: string }>('POST', '/pipelines', {
    name: 'Demo Shop',
    parameters: { ga4_measurement_id: 'G-DEMO12345', meta_pixel_id: '123456789012345' },
  });
  const browser = await api<{ id: string }>('POST', `/pipelines/${pipeline.id}/keys`, {
    name: 'Demo shop (browser)',
    kind: 'browser',
    allowed_origins: options.demoOrigins,
  });
  const server = await api<{ id: string; secret: string }>(
    'POST',
    `/pipelines/${pipeline.id}/keys`,
    { name: 'Demo backend', kind: 'server' },
  );
  // The demo's domains (its origins' host names) carry one visitor across (docs/identity.md).
  const org = await api<{ data_layer: Record<string, unknown> }>('GET', '/organisation');
  const linkDomains = [...new Set(options.demoOrigins.map((o) => new URL(o).hostname))];
  await api('PUT', '/organisation/data-layer', {
    ...org.data_layer,
    identity: {
      enabled: true,
      learn_consent: ['analytics'],
      share_consent: ['marketing'],
      link_domains: linkDomains,
    },
  });
  const webhookSecret = `whs_${randomBytes(16).toString('hex')}`;
  const integrations: Record<string, string> = {};
  for (const install of demoInstalls(options.sandbox, webhookSecret)) {
    const template = await api<{ id: string; revision: { id: string } }>(
      'POST',
      `/integration-catalog/${install.vendor}/install`,
      {
        name: install.name,
        config: install.config,
        delivery_mode: 'server_side',
      },
    );
    await api('POST', `/pipelines/${pipeline.id}/integrations`, {
      integration_id: template.id,
      revision_id: template.revision.id,
      enabled: true,
    });
    integrations[install.vendor] = template.id;
  }
  const state: DemoState = {
    created: true,
    pipeline_id: pipeline.id,
    browser_key: browser.id,
    server_key: server.id,
    server_secret: server.secret,
    integrations,
    webhook_hmac_secret: webhookSecret,
  };
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  return state;
}

/** A tiny JSON client for the admin API that turns error answers into readable errors. */
function adminClient(baseUrl: string, token: string) {
  return async function call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await fetch(`${baseUrl}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
}
