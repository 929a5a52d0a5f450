import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { addCustomerEnv, CustomerConfigError, type CustomerInput } from './customer.js';

const acme: CustomerInput = {
  name: 'acme',
  domain: 'data.acme.com',
  kvNamespaceId: 'ab'.repeat(16),
  bridgeUrl: 'https://bridge.acme.example',
};
const base = readFileSync('wrangler.toml', 'utf8');

interface Env {
  name: string;
  routes: { pattern: string; custom_domain: boolean }[];
  kv_namespaces: { binding: string; id: string }[];
  vars: Record<string, string>;
}

describe('npm run customer -- add', () => {
  it('appends the customer environment wrangler deploys: Worker name, custom-domain route, KV namespace, bridge URL', () => {
    const next = addCustomerEnv(base, acme);
    expect(next.startsWith(base.replace(/\n*$/, '\n'))).toBe(true);
    const env = (parse(next) as unknown as { env: Record<string, Env> }).env.acme;
    expect(env).toEqual({
      name: 'datafly-edge-acme',
      routes: [{ pattern: 'data.acme.com', custom_domain: true }],
      kv_namespaces: [{ binding: 'PIPELINE_KEYS', id: 'ab'.repeat(16) }],
      vars: { BRIDGE_URL: 'https://bridge.acme.example' },
    });
  });

  it('keeps earlier customers and refuses a name that exists', () => {
    const two = addCustomerEnv(addCustomerEnv(base, acme), {
      ...acme,
      name: 'globex',
      domain: 'data.globex.com',
    });
    expect(Object.keys((parse(two) as unknown as { env: Record<string, Env> }).env)).toEqual([
      'acme',
      'globex',
    ]);
    expect(() => addCustomerEnv(two, acme)).toThrow(CustomerConfigError);
    expect(() => addCustomerEnv(two, acme)).toThrow(/name: an environment "acme" already exists/);
  });

  const cli = (args: string[], config: string) =>
    spawnSync('npx', ['tsx', 'scripts/customer.ts', 'add', ...args, '--config', config], {
      encoding: 'utf8',
    });

  it('names each wrong flag and leaves the file untouched', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'customer-')), 'wrangler.toml');
    writeFileSync(config, base);
    const run = cli(
      ['Acme!', '--domain', 'https://data.acme.com/', '--kv-namespace-id', 'nope'],
      config,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/<name>: lower-case letters/);
    expect(run.stderr).toMatch(/--domain: a host name/);
    expect(run.stderr).toMatch(/--kv-namespace-id: the 32 hex characters/);
    expect(run.stderr).toMatch(/--bridge-url: required/);
    expect(readFileSync(config, 'utf8')).toBe(base);
  });

  it('writes the environment and prints the next steps', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'customer-')), 'wrangler.toml');
    writeFileSync(config, base);
    const run = cli(
      [
        'acme',
        '--domain',
        'data.acme.com',
        '--kv-namespace-id',
        'ab'.repeat(16),
        '--bridge-url',
        'https://bridge.acme.example',
      ],
      config,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('npx wrangler deploy --env acme');
    expect(
      (parse(readFileSync(config, 'utf8')) as unknown as { env: Record<string, Env> }).env.acme
        ?.routes[0]?.pattern,
    ).toBe('data.acme.com');
  });
});
