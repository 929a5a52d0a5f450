// The services' signal handling, on a real process: `npm run bridge`'s entry point started on a
// free port, then SIGTERM — it must close (finishing in-flight work) and exit 0.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('closeOnSignal in a service entry point', () => {
  it('closes the bridge and exits 0 on SIGTERM, logging the shutdown', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/services/bridge/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        BRIDGE_TOKEN: 'shutdown-test-token',
        KAFKA_BROKERS: '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bridge did not start: ${stderr}`)), 20_000);
      child.stderr.on('data', () => {
        if (stderr.includes('"message":"listening"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('"message":"shutting down","signal":"SIGTERM"');
    expect(stderr).toContain('"message":"closed"');
  });
});
