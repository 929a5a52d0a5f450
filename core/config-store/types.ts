/**
 * The configuration the Node services (processor, delivery) read, as a port. The admin
 * package implements it over its database (PostgreSQL or PGlite); tests use an in-memory one.
 * Revisions are immutable, so a service may cache `getRevision` forever; everything else is
 * reloaded when `subscribe` reports a change (Postgres LISTEN/NOTIFY or equivalent).
 */
import type { Condition } from '../condition/index.js';

/** Org-wide, declarative enrichment applied to every event before pipeline transforms. */
export interface OrgDataLayer {
  parse_user_agent: boolean;
  drop_bots: boolean;
  /** Zero the last octet of IPv4 / last 80 bits of IPv6. */
  truncate_ip: boolean;
  /** Remove or hash properties/traits whose key matches. */
  pii_rules: { match: string; action: 'drop' | 'hash' }[];
  /** Envelope path → envelope path. */
  renames: { from: string; to: string }[];
  /** The identity hub (docs/identity.md); absent: on, with core/identity's default consent. */
  identity?: IdentitySettings;
}

/** The identity hub's per-organisation settings (core/identity/hub.ts). */
export interface IdentitySettings {
  enabled: boolean;
  /** Consent categories all required before an event's identifiers are learned or looked up. */
  learn_consent: string[];
  /** Consent categories all required before hashed identifiers are added to an event. */
  share_consent: string[];
  /** The organisation's own domains (hosts) that Datafly.js links carry the visitor to (link tokens). */
  link_domains?: string[];
}

/** One declarative pipeline transformation step (ordered). No code, no eval. */
export type TransformStep =
  | { op: 'filter'; when: Condition; action: 'drop' | 'keep' }
  | { op: 'set'; path: string; value: unknown; when?: Condition }
  | { op: 'rename'; from: string; to: string }
  | { op: 'delete'; path: string }
  | { op: 'hash'; path: string; algorithm?: 'sha256' };

/** The condition vocabulary (shared with mapping event filters) lives in core/condition. */
export type { Condition };

export interface PipelineIntegrationConfig {
  /** `pi_…` */
  id: string;
  /** Template id `tmpl_…` — the `{integration_id}` in topic names. */
  integration_id: string;
  vendor: string;
  revision_id: string;
  enabled: boolean;
}

export interface PipelineConfig {
  id: string;
  org_id: string;
  parameters: Record<string, string>;
  transformations: TransformStep[];
  integrations: PipelineIntegrationConfig[];
}

export interface RevisionConfig {
  id: string;
  integration_id: string;
  vendor: string;
  revision_number: number;
  /** Raw config; may contain `{{pipeline_param.KEY}}` references. */
  config: Record<string, unknown>;
  delivery_mode: string;
}

export interface ConfigStore {
  getPipeline(pipelineId: string): Promise<PipelineConfig | undefined>;
  getOrgDataLayer(orgId: string): Promise<OrgDataLayer>;
  getRevision(revisionId: string): Promise<RevisionConfig | undefined>;
  /** Every enabled pipeline integration using a template (delivery workers serve per template). */
  listIntegrations(): Promise<{ integration_id: string; vendor: string }[]>;
  /** Called after any config change; returns an unsubscribe function. */
  subscribe(
    listener: (change: { kind: string; id?: string }) => void,
  ): Promise<() => Promise<void>>;
}
