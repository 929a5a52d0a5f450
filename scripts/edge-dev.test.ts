import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../core/testkit/ports.js';

describe('npm run edge (wrangler dev)', () => {
  let stop = (): void => undefined;
  afterAll(() => stop());

  it('starts the Worker alone and answers: Datafly.js, and a 401 naming the key parameter', async () => {
    const port = await freePort();
    const child = spawn('npm', ['run', 'edge', '--', '--port', String(port)], {
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stop = () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    };
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`wrangler dev not ready in 90 s:\n${output}`)),
        90_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes(`Ready on http://127.0.0.1:${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`wrangler dev exited with ${code}:\n${output}`)),
      );
    });
    const script = await fetch(`http://127.0.0.1:${port}/d.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const refused = await fetch(`http://127.0.0.1:${port}/v1/t?k=dk_not_a_real_key_1`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"event":"x"}',
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized', field: 'k' } });
  }, 120_000);
});
