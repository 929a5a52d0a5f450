/**
 * Datafly.js entry point. The snippet (loader.ts) left `window.datafly` as an array of queued
 * calls with the method names attached; this replaces it with the real API and replays the
 * queue in order. Loaded twice, the second copy does nothing.
 */
import { createCollector, uuid, type Host, type QueuedCall } from './collector.js';

declare const __VERSION__: string;

const w = window as Host & { datafly?: unknown };
try {
  const stub = w.datafly;
  if (!stub || Array.isArray(stub)) {
    const src = (document.currentScript as HTMLScriptElement | null)?.src;
    w.datafly = createCollector(w, {
      now: Date.now,
      uuid,
      version: __VERSION__,
      src,
      queue: stub as QueuedCall[] | undefined,
    });
  }
} catch {
  // never break the host page
}
