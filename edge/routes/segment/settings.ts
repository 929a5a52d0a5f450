/**
 * The configuration the browser SDKs fetch before they send anything, answered by the edge so
 * that the page talks to the edge alone (no CDN, no destinations loaded in the page, no
 * metrics elsewhere):
 * - Segment's analytics.js (`cdnURL` = the edge): `GET /v1/projects/{writeKey}/settings`, whose
 *   `integrations["Segment.io"]` tells it where to send events (`apiHost` + `protocol`);
 * - RudderStack's JS SDK (`configUrl` = the edge): `GET /sourceConfig/?writeKey=…`, which must
 *   name a source with a `config` object and a `destinations` array.
 */
import type { KeyRecord } from '../../../core/keys/index.js';

/**
 * Segment browser settings pointing every event at this edge.
 *
 * @example segmentSettings('dk_abc12345', new URL('https://data.shop.example/v1/projects/dk_abc12345/settings'))
 *   // → { integrations: { 'Segment.io': { apiKey: 'dk_abc12345', apiHost: 'data.shop.example/v1', protocol: 'https', … } }, … }
 */
export function segmentSettings(writeKey: string, url: URL): Record<string, unknown> {
  return {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost: `${url.host}/v1`,
        protocol: url.protocol.replace(/:$/, ''),
        unbundledIntegrations: [],
        addBundledMetadata: false,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}

/**
 * RudderStack source config with no device-mode destinations (the edge delivers server side).
 *
 * @example rudderSourceConfig('dk_abc12345', record).source.destinations // → []
 */
export function rudderSourceConfig(
  writeKey: string,
  record: KeyRecord,
): { isHosted: boolean; source: Record<string, unknown> } {
  return {
    isHosted: false,
    source: {
      id: record.source_id,
      name: record.source_id,
      writeKey,
      workspaceId: record.org_id,
      enabled: true,
      config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
      destinations: [],
    },
  };
}
