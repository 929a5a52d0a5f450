/**
 * The copy-paste snippet, as source. build.mjs minifies it (the README and the edge's
 * `/d/snippet` serve the result). It defines `window.datafly` as a queue with the API's method
 * names, so calls made before the script arrives are kept, in order, with their times; then it
 * adds the script tag. The real script takes the queue over (index.ts).
 */
declare const __SRC__: string;

((w: Window & { datafly?: unknown }, d: Document, methods: string[]) => {
  const q = (w.datafly = w.datafly || []) as unknown[] & Record<string, unknown>;
  if (!Array.isArray(q)) return;
  for (const m of methods) q[m] = (...a: unknown[]) => void q.push([m, a, Date.now()]);
  const s = d.createElement('script');
  s.async = true;
  s.src = __SRC__;
  d.head.appendChild(s);
})(window, document, ['init', 'page', 'track', 'identify', 'group', 'reset', 'consent']);
