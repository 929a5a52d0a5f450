/**
 * Which vendor doubles the sandbox serves, and how each says "rejected" inside a 2xx body.
 * Every declared vendor gets its row from the registry (its double derives from the declaration).
 */
import type { RecordedRequest, Responder } from '../../core/doubles/index.js';
import { DECLARED_VENDORS } from '../../core/vendors/registry.js';

export interface SandboxVendor {
  vendor: string;
  responder(): Responder;
  /** Problems reported inside a 2xx answer (TikTok's non-zero `code`, …). */
  inBodyProblems?(body: string): string[];
  /** Problems in a request the vendor answers 2xx to all the same (GA4's validation rules). */
  requestProblems?(req: RecordedRequest): string[];
}

export const SANDBOX_VENDORS: readonly SandboxVendor[] = [
  // Every declared vendor, OAuth ones too: with `endpoint_override` their token path moves under
  // the sandbox's vendor URL, where the same double answers it.
  ...Object.values(DECLARED_VENDORS).map((d): SandboxVendor => ({
    vendor: d.declaration.id,
    responder: () => (req) => d.double.check(req),
    inBodyProblems: (body) => d.double.inBodyProblems(body),
    requestProblems: (req) => d.double.requestProblems?.(req) ?? [],
  })),
];
