/** The demo shop page, with the edge URL and the demo key filled in. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const template = readFileSync(fileURLToPath(new URL('./shop.html', import.meta.url)), 'utf8');

/** @example demoShopPage({ edgeUrl: 'http://localhost:8080', key: 'dk_…', sandboxUrl: 'http://localhost:8090/sandbox' }) */
export function demoShopPage(values: { edgeUrl: string; key: string; sandboxUrl: string }): string {
  return template
    .replaceAll('__EDGE_URL__', values.edgeUrl)
    .replaceAll('__PIPELINE_KEY__', values.key)
    .replaceAll('__SANDBOX_URL__', values.sandboxUrl);
}
