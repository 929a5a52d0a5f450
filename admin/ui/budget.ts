/**
 * A Vite plugin that measures the JavaScript the first page load fetches (the entry chunk and
 * its static imports, gzipped) and fails the build over `limit` bytes. Lazy routes (the
 * mapping builder and its editor) are not counted: they load when opened.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface Chunk {
  type: 'chunk';
  code: string;
  isEntry: boolean;
  imports: string[];
}

/** Gzipped bytes of the entry chunks and everything they import statically. */
export function initialLoadBytes(bundle: Record<string, Chunk | { type: 'asset' }>): {
  bytes: number;
  files: string[];
} {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const chunk = bundle[name];
    if (seen.has(name) || !chunk || chunk.type !== 'chunk') return;
    seen.add(name);
    chunk.imports.forEach(visit);
  };
  for (const [name, chunk] of Object.entries(bundle))
    if (chunk.type === 'chunk' && chunk.isEntry) visit(name);
  let bytes = 0;
  for (const name of seen) bytes += gzipSync((bundle[name] as Chunk).code).length;
  return { bytes, files: [...seen] };
}

export function initialLoadBudget(limit: number): Plugin {
  return {
    name: 'datafly-initial-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const { bytes, files } = initialLoadBytes(bundle as unknown as Record<string, Chunk>);
      const line = `initial load: ${(bytes / 1024).toFixed(1)} KB of JavaScript gzipped (${files.length} files; budget ${(limit / 1024).toFixed(0)} KB)`;
      if (bytes > limit) this.error(line);
      console.log(`\n${line}`);
    },
  };
}
