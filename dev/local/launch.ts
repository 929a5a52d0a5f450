/**
 * `npm start`'s entry: on Linux the process first replaces itself with the same command under
 * GLIBC_TUNABLES (glibc reads them only when a process starts; docs/local-stack.md "Memory" says
 * why these; musl ignores them), then runs dev/local/start.ts. Setting them here instead of in the
 * npm script keeps `npm start` a plain `node` command that every shell runs. The process id stays
 * the same (`process.execve`), so nothing is left waiting and nothing is counted twice.
 */
export {};

const GLIBC_TUNABLES =
  'glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=131072:glibc.malloc.mmap_threshold=131072';

if (process.platform === 'linux' && process.env.GLIBC_TUNABLES === undefined && process.execve) {
  const args = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  process.execve(process.execPath, args, { ...process.env, GLIBC_TUNABLES });
}
await import('./start.js');
