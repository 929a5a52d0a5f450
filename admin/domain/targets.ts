import { DataflyError } from '../../core/errors/index.js';
import { findPrivateTarget, type TargetAllowList } from '../../core/net/targets.js';

/**
 * Refuse a config (revision config, pipeline parameters) holding a URL to a private target:
 * `400 invalid_request` naming the field (`config.url`), with the allowing setting in the message.
 *
 * @example refusePrivateTargets({ url: 'http://10.0.0.5/' }, 'config', []) // throws: config.url points at a private-network address …
 */
export function refusePrivateTargets(value: unknown, prefix: string, allow: TargetAllowList): void {
  const found = findPrivateTarget(value, allow);
  if (!found) return;
  const field = found.path ? `${prefix}.${found.path}` : prefix;
  throw new DataflyError(
    'invalid_request',
    `${field} ${found.reason}; an operator can allow the host with ADMIN_ALLOW_PRIVATE_TARGETS`,
    { field },
  );
}
