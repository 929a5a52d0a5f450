// The built files themselves (snippet + d.js), run in a fresh JS realm over the window shim:
// the snippet's queue is taken over and replayed, and a second copy of d.js changes nothing.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildCollector, SRC_PLACEHOLDER } from '../build.mjs';
import { makeShim } from './shim.js';

const built = await buildCollector();

function page() {
  const shim = makeShim();
  const appended: { src: string; async: boolean }[] = [];
  const document = Object.assign(shim.win.document, {
    currentScript: { src: 'https://data.shop.test/d.js' },
    head: { appendChild: (el: { src: string; async: boolean }) => appended.push(el) },
    createElement: () => ({ src: '', async: false }),
  });
  const sandbox: Record<string, unknown> = {
    ...shim.win,
    document,
    crypto,
    URL,
    URLSearchParams,
    Intl,
  };
  sandbox.window = sandbox;
  const run = (code: string) => runInNewContext(code, sandbox) as unknown;
  return { shim, sandbox, appended, run };
}

describe('the built snippet and script', () => {
  it('queue calls, load the script tag asynchronously, then replay in order to the script origin', async () => {
    const { shim, sandbox, appended, run } = page();
    run(built.loader.replace(SRC_PLACEHOLDER, 'https://data.shop.test/d.js'));
    expect(appended).toEqual([{ src: 'https://data.shop.test/d.js', async: true }]);
    run(`datafly.init({ key: 'dk_bundle_1' }); datafly.track('First'); datafly.page('Home');`);
    expect(Array.isArray(sandbox.datafly)).toBe(true);
    run(built.script);
    expect(typeof (sandbox.datafly as { track: unknown }).track).toBe('function');
    await shim.advance(200);
    expect(shim.sent).toHaveLength(1);
    expect(shim.sent[0]!.url.href).toBe('https://data.shop.test/v1/batch?k=dk_bundle_1');
    const batch = (
      shim.sent[0]!.body as {
        batch: { type: string; event: string; context: { library: unknown } }[];
      }
    ).batch;
    expect(batch.map((e) => [e.type, e.event])).toEqual([
      ['track', 'First'],
      ['page', 'Home'],
    ]);
    expect(batch[0]!.context.library).toEqual({ name: 'datafly.js', version: built.version });
  });

  it('loaded a second time, keeps the first instance (no double sending)', async () => {
    const { shim, sandbox, run } = page();
    run(built.loader.replace(SRC_PLACEHOLDER, 'https://data.shop.test/d.js'));
    run(`datafly.init({ key: 'dk_bundle_1' });`);
    run(built.script);
    const first = sandbox.datafly;
    run(built.script);
    run(built.loader.replace(SRC_PLACEHOLDER, 'https://data.shop.test/d.js'));
    expect(sandbox.datafly).toBe(first);
    run(`datafly.track('Once');`);
    await shim.advance(200);
    expect(shim.sent).toHaveLength(1);
  });
});
