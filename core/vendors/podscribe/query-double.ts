/**
 * A contract double for vendors that take one event per GET request with its fields in the query
 * string (pixel-style postbacks: Podscribe, Singular): the generic spec double reads events from a
 * body, which such requests do not have. It checks method, path (the spec's path template, any value
 * per placeholder) and the query parameters the vendor requires, and answers 200 `OK` or a 400 naming
 * the missing parameter.
 */
import type { Answer } from '../../doubles/index.js';
import type { VendorDeclaration } from '../spec/declaration.js';
import type { SpecDouble } from '../spec/double.js';
import { DeliverySpec } from '../spec/schema.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const text = (status: number, body: string): Answer => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body,
});

/**
 * The double of a GET-with-query declaration.
 *
 * @example queryDouble(podscribeDeclaration, ['action', 'advertiser', 'ip'])
 */
export function queryDouble(decl: VendorDeclaration, required: readonly string[]): SpecDouble {
  const spec = DeliverySpec.parse(decl.spec);
  const path = new RegExp(
    `^${spec.endpoint.path
      .split(/\{\{[^}]*\}\}/)
      .map(escape)
      .join('[^/]+')}$`,
  );
  return {
    check: (req) => {
      if (req.method !== 'GET') return text(405, `${req.method} is not allowed`);
      if (!path.test(req.path)) return text(404, `no such endpoint ${req.path}`);
      const missing = required.find((k) => !req.query.get(k));
      return missing ? text(400, `${missing} is required`) : text(200, 'OK');
    },
    inBodyProblems: () => [],
  };
}
