// Every catalog vendor end to end: installed through the admin API, assigned to the demo
// pipeline, then one purchase through the edge Worker (workerd) → bridge → bus → processor →
// delivery → that vendor's contract double. "Delivered" means the double (which enforces the
// vendor's documented contract) accepted it and the vendor definition classified the answer so.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVendorDouble, type VendorDouble } from '../../core/doubles/index.js';
import { bigqueryDouble } from '../../core/vendors/bigquery/double.js';
import { googleAdsDouble } from '../../core/vendors/google_ads/double.js';
import { testServiceAccount } from '../../core/vendors/spec/google-token-double.js';
import { DECLARED_VENDORS } from '../../core/vendors/registry.js';
import { startDouble } from '../../core/vendors/testing/doubles.js';
import { loadLocalConfig } from './config.js';
import { startStack, type Stack } from './stack.js';
import { stackBackends } from './testing.js';

interface VendorUnderTest {
  vendor: string;
  start(): Promise<{ double: VendorDouble; config: Record<string, unknown> }>;
}

/** A Google service account whose token endpoint is the double's, and the double that checks its signature. */
async function googleDouble(starter: typeof googleAdsDouble.start | typeof bigqueryDouble.start) {
  const account = testServiceAccount('http://placeholder/token');
  const double = await starter({ publicKey: account.publicKey });
  return {
    double,
    serviceAccount: JSON.stringify({ ...account.json, token_uri: `${double.url}/token` }),
  };
}

const plain = (vendor: string, config: Record<string, unknown>): VendorUnderTest => ({
  vendor,
  async start() {
    const double = await startDouble(vendor);
    // A short batch wait: object stores otherwise gather events for up to a minute.
    return {
      double,
      config: { ...config, endpoint_override: double.url, batch_interval_ms: 1000 },
    };
  },
});

/**
 * One case per catalog entry: every declared vendor with its declaration's test settings against
 * its own contract double (OAuth vendors take their tokens from it: the token path moves under
 * `endpoint_override`); the Google vendors (a service account signed for the double) and the
 * custom Delivery Spec are set up by hand below.
 */
const VENDORS: VendorUnderTest[] = [
  ...Object.values(DECLARED_VENDORS)
    .filter((v) => v.declaration.id !== 'google_ads' && v.declaration.id !== 'bigquery')
    .map((v) => plain(v.declaration.id, { ...v.declaration.test_settings })),
  {
    // A customer's own Delivery Spec, created through the Management API, to a plain local HTTP receiver.
    vendor: 'delivery_spec',
    async start() {
      const double = await startVendorDouble();
      const spec = {
        endpoint: {
          base_url: 'https://orders.example.com',
          path: '/hooks/{{settings.shop}}/orders',
        },
        auth: { kind: 'api_key', in: 'header', name: 'X-Api-Key', value: '{{settings.api_key}}' },
        item: {
          fields: {
            order: '{{event.properties.order_id}}',
            total: '{{event.properties.revenue}}',
            email_sha256: '{{event.traits.email}}',
          },
        },
        eligibility: { any_of: [['order']], reason: 'not an order' },
      };
      return {
        double,
        config: {
          spec,
          shop: 'e2e-shop',
          api_key: 'e2e-receiver-key',
          endpoint_override: double.url,
        },
      };
    },
  },
  {
    vendor: 'google_ads',
    async start() {
      const { double, serviceAccount } = await googleDouble(googleAdsDouble.start);
      return {
        double,
        config: {
          customer_id: '123-456-7890',
          conversion_action_id: '987654321',
          service_account_json: serviceAccount,
          endpoint_override: double.url,
        },
      };
    },
  },
  {
    vendor: 'bigquery',
    async start() {
      const { double, serviceAccount } = await googleDouble(bigqueryDouble.start);
      return {
        double,
        config: {
          project_id: 'e2e-project',
          dataset_id: 'signal',
          table_id: 'events',
          service_account_json: serviceAccount,
          endpoint_override: double.url,
        },
      };
    },
  },
];

describe.each(stackBackends())('every vendor end to end on $name', (backend) => {
  let stack: Stack;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let token: string;
  const running = new Map<string, { double: VendorDouble; integrationId: string }>();
  const eventId = `e2e-purchase-${Date.now()}`;

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${stack.adminUrl}/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'datafly-vendors-e2e-'));
    const services = await backend.env();
    cleanup = services.cleanup;
    stack = await startStack(
      loadLocalConfig({
        DATAFLY_DATA_DIR: dataDir,
        EDGE_PORT: '0',
        BRIDGE_PORT: '0',
        ADMIN_PORT: '0',
        DEMO_PORT: '0',
        ...services.env,
      }),
    );
    token = (
      JSON.parse(await readFile(join(dataDir, 'local-secrets.json'), 'utf8')) as {
        admin_token: string;
      }
    ).admin_token;
    for (const v of VENDORS) {
      const { double, config } = await v.start();
      const template = await api<{ id: string; revision: { id: string } }>(
        'POST',
        `/integration-catalog/${v.vendor}/install`,
        {
          name: `${v.vendor} (e2e)`,
          config,
          delivery_mode: 'server_side',
        },
      );
      await api('POST', `/pipelines/${stack.demo.pipeline_id}/integrations`, {
        integration_id: template.id,
        revision_id: template.revision.id,
        enabled: true,
      });
      running.set(v.vendor, { double, integrationId: template.id });
    }
    // Give the processor and delivery a moment to pick up the new integrations (config notifications).
    await new Promise((r) => setTimeout(r, 1500));

    const body = JSON.stringify({
      type: 'track',
      event: 'Order Completed',
      event_id: eventId,
      anonymous_id: 'anon-e2e-1',
      user_id: 'user-e2e-1',
      properties: {
        order_id: 'ORD-E2E-1',
        value: 59.98,
        revenue: 59.98,
        currency: 'USD',
        products: [{ product_id: 'SKU-1', name: 'Tee', price: 29.99, quantity: 2 }],
      },
      traits: {
        email: 'Jane.Doe@Example.com',
        phone: '+1 (650) 555-1212',
        first_name: 'Jane',
        last_name: 'Doe',
        postal_code: '94103',
        country: 'US',
      },
      context: {
        ip: '203.0.113.7',
        user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
        page: {
          url: 'https://shop.example.com/checkout/thanks',
          path: '/checkout/thanks',
          title: 'Thanks',
        },
        consent: { analytics: true, marketing: true, advertising: true },
        click_ids: {
          gclid: 'Cj0KCQ-e2e',
          fbclid: 'IwAR-e2e',
          ttclid: 'tt-e2e',
          epik: 'dj0yJnU9e2e',
          sccid: 'sc-e2e',
          li_fat_id: 'li-e2e',
          tduid: 'td-e2e',
          rdt_cid: 'rdt-e2e',
          twclid: 'tw-e2e',
          msclkid: 'ms-e2e',
          irclickid: 'ir-e2e',
        },
        vendor_ids: {
          ga_client_id: '1234567890.1700000000',
          fbp: 'fb.1.1766000000000.1116446470',
          ttp: '3478bf29-2076-44b8-b219-46d53f3b259e',
          tdid: '9e8f3a6c-2b1d-4e5f-8a7b-6c5d4e3f2a1b',
        },
      },
    });
    const signature = createHmac('sha256', stack.demo.server_secret).update(body).digest('hex');
    const res = await fetch(`${stack.edgeUrl}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-datafly-key': stack.demo.server_key,
        'x-signature-256': `sha256=${signature}`,
      },
      body,
    });
    expect(res.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    for (const { double } of running.values()) await double.close();
    await stack?.close();
    await cleanup?.();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it.each(VENDORS.map((v) => v.vendor))(
    '%s receives the purchase and accepts it',
    async (vendor) => {
      const { double, integrationId } = running.get(vendor)!;
      type Stats = {
        total: { delivered: number; failed: number; skipped: number; dead_lettered: number };
      };
      let stats: Stats | undefined;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const current = await api<Stats>('GET', `/integrations/${integrationId}/stats`);
        stats = current;
        if (
          current.total.delivered +
            current.total.failed +
            current.total.skipped +
            current.total.dead_lettered >
          0
        )
          break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const dlq = await api<{ entries: { reason?: string }[] }>(
        'GET',
        `/integrations/${integrationId}/dlq`,
      );
      expect({ stats: stats?.total, dlq: dlq.entries.map((e) => e.reason) }).toMatchObject({
        stats: { delivered: 1, failed: 0, skipped: 0, dead_lettered: 0 },
        dlq: [],
      });
      const calls = double.requests.filter((r) => !r.path.endsWith('/token'));
      expect(calls.length).toBeGreaterThanOrEqual(1);
      if (vendor === 'delivery_spec') {
        expect(calls[0]).toMatchObject({
          method: 'POST',
          path: '/hooks/e2e-shop/orders',
          json: { order: 'ORD-E2E-1', total: 59.98 },
        });
        expect(calls[0]!.headers['x-api-key']).toBe('e2e-receiver-key');
      }
    },
    40_000,
  );
});
