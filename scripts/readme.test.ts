/**
 * The README's commands run verbatim. Every ```sh block except the two set-up commands is run,
 * in order, in one bash session against a stack started the way `npm start` starts it (ports 0),
 * inside a scratch copy of the repository so that the deploy recipe's edit of wrangler.toml and
 * the stack's `.datafly/` stay there. Variables come from `.datafly/env.sh`, which the stack writes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../dev/local/config.js';
import { startStack, type Stack } from '../dev/local/stack.js';

const SETUP = ['npm install && npm start', 'npm install && npm test'];

/** The ```sh blocks of a Markdown text, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!.trim());
}

const root = resolve(import.meta.dirname, '..');
const blocks = shellBlocks(readFileSync(join(root, 'README.md'), 'utf8'));

describe('README', () => {
  it('holds exactly the two set-up commands, each in a block of its own', () => {
    expect(blocks.filter((b) => SETUP.includes(b))).toEqual(SETUP);
  });

  describe('every other command, run verbatim against npm start', () => {
    let copy = '';
    let stack: Stack | undefined;

    beforeAll(async () => {
      copy = mkdtempSync(join(tmpdir(), 'datafly-readme-'));
      const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
        cwd: root,
        encoding: 'utf8',
      }).stdout;
      for (const file of files.split('\n').filter(Boolean)) {
        mkdirSync(dirname(join(copy, file)), { recursive: true });
        try {
          cpSync(join(root, file), join(copy, file));
        } catch {
          // a file deleted in the working tree but still in the index
        }
      }
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
      stack = await startStack(
        loadLocalConfig({
          DATAFLY_DATA_DIR: join(copy, '.datafly'),
          EDGE_PORT: '0',
          BRIDGE_PORT: '0',
          ADMIN_PORT: '0',
          DEMO_PORT: '0',
        }),
      );
      // As npm start does before it prints its banner: one purchase followed to the sandbox.
      const warmUp = JSON.stringify({
        event: 'Order Completed',
        event_id: 'readme-warm-up',
        properties: { revenue: 1 },
        context: { consent: { analytics: true, marketing: true } },
      });
      const res = await fetch(`${stack.edgeUrl}/v1/t?k=${stack.demo.browser_key}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: stack.demoUrl },
        body: warmUp,
      });
      expect(res.status).toBe(200);
      await stack.sandbox.waitFor(
        (e) => e.vendor === 'webhook' && JSON.stringify(e.body).includes('readme-warm-up'),
        60_000,
      );
    }, 180_000);

    afterAll(async () => {
      await stack?.close();
      if (copy) rmSync(copy, { recursive: true, force: true });
    });

    /**
     * One bash session fed block by block (variables carry over, as in a terminal), run without
     * blocking this process's event loop: the stack's services live in it.
     */
    function session(cwd: string) {
      const child = spawn('bash', ['--noprofile', '--norc'], {
        cwd,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      });
      let stdout = '';
      let stderr = '';
      let waiting: ((status: number) => void) | undefined;
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const done = /::done (\d+)::\n$/.exec(stdout);
        if (done && waiting) {
          stdout = stdout.slice(0, done.index);
          waiting(Number(done[1]));
        }
      });
      return {
        /** A block runs in a subshell with `set -eu`; a `source` line must reach the session itself. */
        run(block: string): Promise<{ status: number; stdout: string; stderr: string }> {
          stdout = '';
          stderr = '';
          const line =
            block.startsWith('source ') && !block.includes('\n') ? block : `( set -eu\n${block}\n)`;
          return new Promise((resolve) => {
            waiting = (status) => resolve({ status, stdout, stderr });
            child.stdin.write(`${line}\necho "::done $?::"\n`);
          });
        },
        end: () => child.stdin.end(),
      };
    }

    it('every block exits 0 and the recipes do what the README says', async () => {
      const recipes = blocks.filter((b) => !SETUP.includes(b));
      expect(recipes.length).toBeGreaterThan(3);
      const shell = session(copy);
      const outputs: string[] = [];
      for (const [i, block] of recipes.entries()) {
        // A person reads the answer before the next command; delivery takes that long.
        if (block.includes('/sandbox/requests'))
          await stack!.sandbox.waitFor(
            (e) => e.vendor === 'ga4' && JSON.stringify(e.body).includes('u-42'),
            30_000,
          );
        const run = await shell.run(block);
        expect(
          run.status,
          `README block ${i} failed:\n${block}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
        ).toBe(0);
        outputs.push(run.stdout + run.stderr);
      }
      shell.end();
      const all = outputs.join('\n');
      // The edge accepted both events, the sandbox showed the GA4 request, the API answered.
      expect(all.match(/"ok":true/g)?.length).toBeGreaterThanOrEqual(2);
      expect(all).toMatch(/"vendor": "ga4"[\s\S]*"user_id": "u-42"/);
      expect(all).toContain(`"id":"${stack!.demo.pipeline_id}"`);
      // The deploy recipe wrote the customer's environment and wrangler built it.
      expect(readFileSync(join(copy, 'wrangler.toml'), 'utf8')).toContain('[env.acme]');
      expect(all).toContain('--dry-run: exiting now');
    }, 180_000);
  });
});
