/**
 * `npm run customer -- add <name> --domain data.acme.com --kv-namespace-id <id> --bridge-url https://…`
 *
 * Writes one customer's edge environment into wrangler.toml (or `--config <file>`): the Worker
 * name, the route on the customer's own subdomain (a Workers custom domain), the customer's KV
 * namespace for pipeline keys and the bridge URL. Then `npx wrangler deploy --env <name>`
 * deploys it; docs/deploy.md has the whole procedure.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'smol-toml';
import { z } from 'zod';

export const CustomerInput = z.object({
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,39}$/,
      'lower-case letters, digits and dashes, starting with a letter, at most 40 characters',
    ),
  domain: z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'a host name such as data.acme.com (no scheme, no path)',
    ),
  kvNamespaceId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'the 32 hex characters `wrangler kv namespace create` printed'),
  bridgeUrl: z.url({
    protocol: /^https?$/,
    error: 'an http(s) URL such as https://bridge.acme.example',
  }),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

/** A clear, field-named refusal (exit code 2 from the CLI). */
export class CustomerConfigError extends Error {}

/**
 * The config text with `[env.<name>]` appended. Existing text, comments included, is kept as it
 * is; the result is parsed again so a broken file is never written.
 *
 * @example addCustomerEnv(toml, { name: 'acme', domain: 'data.acme.com', kvNamespaceId: 'ab…', bridgeUrl: 'https://b.acme.example' })
 */
export function addCustomerEnv(toml: string, input: CustomerInput): string {
  const config = parse(toml) as { env?: Record<string, unknown>; name?: string };
  if (config.env?.[input.name] !== undefined) {
    throw new CustomerConfigError(
      `name: an environment "${input.name}" already exists in the config; pick another name or edit it by hand`,
    );
  }
  const env = {
    env: {
      [input.name]: {
        name: `${config.name ?? 'datafly-edge'}-${input.name}`,
        routes: [{ pattern: input.domain, custom_domain: true }],
        kv_namespaces: [{ binding: 'PIPELINE_KEYS', id: input.kvNamespaceId }],
        vars: { BRIDGE_URL: input.bridgeUrl },
      },
    },
  };
  const block =
    `\n# Customer "${input.name}" (npm run customer -- add …); ` +
    `secret: npx wrangler secret put BRIDGE_TOKEN --env ${input.name}\n${stringify(env)}\n`;
  const next = `${toml.replace(/\n*$/, '\n')}${block}`;
  parse(next);
  return next;
}

function usage(): string {
  return 'usage: npm run customer -- add <name> --domain <host> --kv-namespace-id <32 hex> --bridge-url <url> [--config wrangler.toml]';
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      domain: { type: 'string' },
      'kv-namespace-id': { type: 'string' },
      'bridge-url': { type: 'string' },
      config: { type: 'string', default: 'wrangler.toml' },
    },
  });
  const [command, name] = positionals;
  if (command !== 'add' || !name) {
    console.error(usage());
    return 2;
  }
  const parsed = CustomerInput.safeParse({
    name,
    domain: values.domain,
    kvNamespaceId: values['kv-namespace-id'],
    bridgeUrl: values['bridge-url'],
  });
  if (!parsed.success) {
    const flag: Record<string, string> = {
      name: '<name>',
      domain: '--domain',
      kvNamespaceId: '--kv-namespace-id',
      bridgeUrl: '--bridge-url',
    };
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      console.error(
        `✗ ${flag[field] ?? field}: ${issue.code === 'invalid_type' ? 'required' : issue.message}`,
      );
    }
    console.error(usage());
    return 2;
  }
  const file = values.config;
  const next = addCustomerEnv(await readFile(file, 'utf8'), parsed.data);
  await writeFile(file, next);
  const n = parsed.data.name;
  console.log(
    `▸ added [env.${n}] to ${file}: ${parsed.data.domain} → Worker datafly-edge-${n}, KV ${parsed.data.kvNamespaceId}`,
  );
  console.log('  next:');
  console.log(
    `    npx wrangler secret put BRIDGE_TOKEN --env ${n}      # the bridge's bearer token`,
  );
  console.log(
    `    npx wrangler deploy --env ${n}                       # add --dry-run to build without deploying`,
  );
  console.log(
    `    admin: KV_DRIVER=cloudflare CF_KV_NAMESPACE_ID=${parsed.data.kvNamespaceId} CF_ACCOUNT_ID=… CF_API_TOKEN=…`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`✗ ${e instanceof Error ? e.message : String(e)}`);
      process.exit(e instanceof CustomerConfigError ? 2 : 1);
    },
  );
}
