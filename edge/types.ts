/**
 * Types shared by the edge's middleware and routes: the injected dependencies (clock, ids,
 * outbound fetch) and the Hono environment (bindings + typed context variables).
 */
import type { SourceKind } from '../core/event/index.js';
import type { KeyRecord } from '../core/keys/index.js';
import type { BridgeClient } from './middleware/forward/index.js';
import type { Identity } from './middleware/identity/index.js';
import type { RequestFacts } from './middleware/enrich/index.js';

/** Everything the edge takes from the outside world, injectable for deterministic tests. */
export interface EdgeDeps {
  /** Current time in ms since the epoch. */
  now: () => number;
  /** A UUID v4 (event ids, `_dfid`, `_ttp`). */
  uuid: () => string;
  /** A uniformly random integer in [0, maxExclusive) (the random parts of `_ga` and `_fbp`). */
  randomInt: (maxExclusive: number) => number;
  /** Outbound fetch used to reach the bridge. */
  fetch: typeof fetch;
  /** How long a key record (or its absence) is cached in the isolate. */
  keyCacheTtlMs: number;
  /** How long the edge waits for the bridge before answering 503. */
  bridgeTimeoutMs: number;
  /**
   * Most bridge requests an app (one per isolate) keeps open, late ones included; past it the edge
   * answers 503 at once. Each open request holds a connection to the bridge, and a bridge that
   * stops answering otherwise gets a new one per event (measured locally: workerd at 1,300
   * connections and 1.6 GB, then restarted).
   */
  bridgeMaxOpen: number;
}

/** Random 32-bit words, drawn from the CSPRNG 256 at a time (one runtime call per 256 ids). */
const words = new Uint32Array(256);
let nextWord = words.length;
function randomWord(): number {
  if (nextWord === words.length) {
    crypto.getRandomValues(words);
    nextWord = 0;
  }
  return words[nextWord++]!;
}

/** Production dependencies. */
export const defaultDeps: EdgeDeps = {
  now: () => Date.now(),
  uuid: () => crypto.randomUUID(),
  randomInt: (max) => randomWord() % max,
  fetch: (input, init) => fetch(input, init),
  keyCacheTtlMs: 30_000,
  bridgeTimeoutMs: 5_000,
  bridgeMaxOpen: 256,
};

/** How errors are rendered for the current route: JSON, or the pixel GIF. */
type ResponseFormat = 'json' | 'gif';

/** Typed context variables set by the middleware chain. */
export interface EdgeVariables {
  deps: EdgeDeps;
  format: ResponseFormat;
  /** The pipeline key (never logged or echoed). */
  keyId: string;
  /** Where the key came from (`k` or `X-Datafly-Key`), for errors that name it. */
  keyField: string;
  key: KeyRecord;
  /** Which ingestion method this request is (decides enrichment and cookies). */
  kind: SourceKind;
  request: RequestFacts;
  /** The request body as received (signatures are over these exact bytes). */
  rawBody: string;
  identity: Identity;
  bridge: BridgeClient;
}

/** The Hono environment of every edge route. */
export interface EdgeEnv {
  Bindings: Env;
  Variables: EdgeVariables;
}
