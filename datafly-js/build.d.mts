// Types for build.mjs (a plain Node script, so `npm run build` needs no TypeScript loader).
export declare const HARD_LIMIT: number;
export declare const BUDGET: number;
export declare const SRC_PLACEHOLDER: string;
export declare const GENERATED: string;
export declare function sizes(text: string): { raw: number; gzip: number; brotli: number };
export declare function buildCollector(): Promise<{
  script: string;
  loader: string;
  hash: string;
  version: string;
  generated: string;
}>;
