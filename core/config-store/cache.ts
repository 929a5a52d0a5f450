/**
 * What the processor needs per pipeline, compiled once and cached until the ConfigStore
 * reports a change: the transformation function, and per pipeline integration the revision
 * with `{{pipeline_param.KEY}}` resolved and its consent categories. Revisions are immutable
 * and cached for good. A configuration error is cached as such (every event of that pipeline
 * or integration is dead-lettered with the reason) until the config changes; a store failure
 * is not cached (the batch is retried).
 */
import type {
  ConfigStore,
  IdentitySettings,
  PipelineConfig,
  PipelineIntegrationConfig,
  RevisionConfig,
} from './types.js';
import { DEFAULT_IDENTITY_SETTINGS } from '../identity/hub.js';
import { DataflyError } from '../errors/index.js';
import { findParamRefs, resolveParams } from '../params/index.js';
import {
  compileOrgDataLayer,
  compileTransforms,
  type CompiledOrgLayer,
  type CompiledTransforms,
} from '../transform/index.js';

export interface ReadyIntegration {
  pi: PipelineIntegrationConfig;
  revision: RevisionConfig;
  /** The revision config with pipeline parameters substituted. */
  resolved: Record<string, unknown>;
  /**
   * The pipeline parameters the revision references, with the values used for `resolved`. The
   * processor decides them once and carries them in each delivery message (`params`), so delivery
   * resolves the revision with exactly these values and never reads the pipeline.
   */
  params: Record<string, string>;
  consentCategories: string[];
}

interface CompiledPipeline {
  config: PipelineConfig;
  transforms: CompiledTransforms;
  /**
   * Whether the steps can touch anything the envelope schema constrains. Steps confined to
   * `properties.*` / `traits.*` (free-form maps) cannot make an envelope invalid, so the
   * re-validation after them is skipped.
   */
  revalidate: boolean;
  integrations: (
    | { ok: true; value: ReadyIntegration }
    | { ok: false; pi: PipelineIntegrationConfig; error: DataflyError }
  )[];
}

type Loaded<T> = { ok: true; value: T } | { ok: false; error: DataflyError };

const asConfigError = (error: unknown): DataflyError | undefined =>
  error instanceof DataflyError && (error.code === 'config_error' || error.code === 'not_found')
    ? error
    : undefined;

export class ConfigCache {
  readonly #store: ConfigStore;
  #pipelines = new Map<string, Promise<Loaded<CompiledPipeline>>>();
  #orgs = new Map<string, Promise<CompiledOrgLayer>>();
  #identity = new Map<string, Promise<IdentitySettings>>();
  readonly #revisions = new Map<string, Promise<RevisionConfig | undefined>>();
  #version = 0;

  constructor(store: ConfigStore) {
    this.#store = store;
  }

  /** Forget everything but revisions (called on every change notification). */
  invalidate(): void {
    this.#version++;
    this.#pipelines = new Map();
    this.#orgs = new Map();
    this.#identity = new Map();
  }

  get version(): number {
    return this.#version;
  }

  pipeline(id: string): Promise<Loaded<CompiledPipeline>> {
    return this.#memo(this.#pipelines, id, () => this.#loadPipeline(id));
  }

  orgLayer(orgId: string): Promise<CompiledOrgLayer> {
    return this.#memo(this.#orgs, orgId, async () =>
      compileOrgDataLayer(await this.#store.getOrgDataLayer(orgId)),
    );
  }

  /** The organisation's identity hub settings (its data layer's `identity`, else the defaults). */
  identitySettings(orgId: string): Promise<IdentitySettings> {
    return this.#memo(
      this.#identity,
      orgId,
      async () => (await this.#store.getOrgDataLayer(orgId)).identity ?? DEFAULT_IDENTITY_SETTINGS,
    );
  }

  /** Cache a promise; drop it if it rejects so that a transient failure is retried. */
  #memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let p = map.get(key);
    if (!p) {
      p = load();
      map.set(key, p);
      p.catch(() => {
        if (map.get(key) === p) map.delete(key);
      });
    }
    return p;
  }

  #revision(id: string): Promise<RevisionConfig | undefined> {
    return this.#memo(this.#revisions, id, () => this.#store.getRevision(id));
  }

  async #loadPipeline(id: string): Promise<Loaded<CompiledPipeline>> {
    const config = await this.#store.getPipeline(id);
    if (!config)
      return {
        ok: false,
        error: new DataflyError('config_error', `unknown pipeline ${id}`, {
          field: 'source.pipeline_id',
        }),
      };
    let transforms: CompiledTransforms;
    try {
      transforms = compileTransforms(config.transformations);
    } catch (error) {
      const e = asConfigError(error);
      if (e) return { ok: false, error: e };
      throw error;
    }
    const integrations: CompiledPipeline['integrations'] = [];
    for (const pi of config.integrations) {
      if (!pi.enabled) continue;
      const revision = await this.#revision(pi.revision_id);
      if (!revision) {
        integrations.push({
          ok: false,
          pi,
          error: new DataflyError('config_error', `revision ${pi.revision_id} not found`, {
            field: 'revision_id',
          }),
        });
        continue;
      }
      try {
        const resolved = resolveParams(revision.config, config.parameters);
        const categories = resolved.consent_categories;
        const params: Record<string, string> = {};
        for (const key of findParamRefs(revision.config)) params[key] = config.parameters[key]!;
        integrations.push({
          ok: true,
          value: {
            pi,
            revision,
            resolved,
            params,
            consentCategories: Array.isArray(categories)
              ? categories.filter((c): c is string => typeof c === 'string')
              : [],
          },
        });
      } catch (error) {
        const e = asConfigError(error);
        if (!e) throw error;
        integrations.push({ ok: false, pi, error: e });
      }
    }
    return {
      ok: true,
      value: {
        config,
        transforms,
        revalidate: touchesSchema(config.transformations),
        integrations,
      },
    };
  }
}

const FREE_FORM = new Set(['properties', 'traits']);
const confined = (path: string): boolean => {
  const [head, ...rest] = path.split('.');
  return FREE_FORM.has(head ?? '') && rest.length > 0;
};

/** Whether any step writes outside `properties.*` / `traits.*` (conditions only read). */
function touchesSchema(steps: PipelineConfig['transformations']): boolean {
  return steps.some((step) => {
    switch (step.op) {
      case 'filter':
        return false;
      case 'rename':
        return !confined(step.from) || !confined(step.to);
      default:
        return !confined(step.path);
    }
  });
}
