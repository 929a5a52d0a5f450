/**
 * An in-memory ConfigStore for tests and embedded use: set pipelines, org data layers and
 * revisions directly; every change notifies subscribers, as the database store does through
 * LISTEN/NOTIFY.
 */
import type { ConfigStore, OrgDataLayer, PipelineConfig, RevisionConfig } from './types.js';

const NO_DATA_LAYER: OrgDataLayer = {
  parse_user_agent: false,
  drop_bots: false,
  truncate_ip: false,
  pii_rules: [],
  renames: [],
};

export interface MemoryConfigStore extends ConfigStore {
  setPipeline(pipeline: PipelineConfig): void;
  setOrgDataLayer(orgId: string, layer: OrgDataLayer): void;
  setRevision(revision: RevisionConfig): void;
  /** Number of `getPipeline` calls so far (tests check caching). */
  readonly pipelineReads: number;
}

/**
 * @example
 * const store = createMemoryConfigStore();
 * store.setRevision({ id: 'rev_1', integration_id: 'tmpl_1', vendor: 'ga4', revision_number: 1, config: {}, delivery_mode: 'server_side' });
 * store.setPipeline({ id: 'pip_1', org_id: 'org_1', parameters: {}, transformations: [], integrations: [] });
 */
export function createMemoryConfigStore(): MemoryConfigStore {
  const pipelines = new Map<string, PipelineConfig>();
  const layers = new Map<string, OrgDataLayer>();
  const revisions = new Map<string, RevisionConfig>();
  const listeners = new Set<(change: { kind: string; id?: string }) => void>();
  let pipelineReads = 0;
  const notify = (kind: string, id: string): void => {
    for (const l of listeners) l({ kind, id });
  };
  return {
    get pipelineReads() {
      return pipelineReads;
    },
    setPipeline(pipeline) {
      pipelines.set(pipeline.id, structuredClone(pipeline));
      notify('pipeline', pipeline.id);
    },
    setOrgDataLayer(orgId, layer) {
      layers.set(orgId, structuredClone(layer));
      notify('organisation', orgId);
    },
    setRevision(revision) {
      revisions.set(revision.id, structuredClone(revision));
      notify('revision', revision.id);
    },
    async getPipeline(id) {
      pipelineReads++;
      const p = pipelines.get(id);
      return p && structuredClone(p);
    },
    async getOrgDataLayer(orgId) {
      return structuredClone(layers.get(orgId) ?? NO_DATA_LAYER);
    },
    async getRevision(id) {
      const r = revisions.get(id);
      return r && structuredClone(r);
    },
    async listIntegrations() {
      const seen = new Map<string, string>();
      for (const p of pipelines.values())
        for (const i of p.integrations) if (i.enabled) seen.set(i.integration_id, i.vendor);
      return [...seen].map(([integration_id, vendor]) => ({ integration_id, vendor }));
    },
    async subscribe(listener) {
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
  };
}
