/**
 * `startDouble(vendor)`: one place that starts any vendor's contract double on a random port,
 * for e2e tests and the local sandbox (no vitest import here, so the sandbox can use it).
 * Point an integration at it with `endpoint_override: double.url`; Google vendors (their own doubles) also serve
 * their token endpoint at `${double.url}/token` (use it as the service account's `token_uri`).
 */
import { startVendorDouble, type VendorDouble } from '../../doubles/index.js';
import { DECLARED_VENDORS } from '../registry.js';

/** Vendor key → double starter with contract defaults (real clock). */
export const DOUBLES: Readonly<Record<string, () => Promise<VendorDouble>>> = {
  ...Object.fromEntries(
    Object.values(DECLARED_VENDORS).map((d) => [
      d.declaration.id,
      () => d.double.start?.() ?? startVendorDouble({ respond: (req) => d.double.check(req) }),
    ]),
  ),
};

/**
 * Start the double for a vendor key.
 *
 * @example
 * const d = await startDouble('meta_capi');
 * // { pixel_id: '1', access_token: 't', endpoint_override: d.url }
 * d.requests.length; await d.close();
 */
export async function startDouble(vendor: string): Promise<VendorDouble> {
  const start = Object.hasOwn(DOUBLES, vendor) ? DOUBLES[vendor] : undefined;
  if (!start) throw new Error(`no double for vendor "${vendor}"`);
  return start();
}
