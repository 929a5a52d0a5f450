/**
 * Creating a revision: the next `revision_number` comes from bumping the template's counter
 * (`UPDATE … RETURNING`, which row-locks the template until commit), so concurrent creations
 * queue instead of colliding; the unique (integration_id, revision_number) index is the backstop.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { getCatalogEntry, validateConfig } from '../../core/catalog/index.js';
import { DataflyError, isDataflyError } from '../../core/errors/index.js';
import { refusePrivateTargets } from './targets.js';
import { findParamRefs } from '../../core/params/index.js';
import { getVendor } from '../../core/vendors/registry.js';
import type { AdminDeps, Caller } from '../context.js';
import type { Tx } from '../../core/db/client.js';
import {
  integrationRevisions,
  integrationTemplates,
  type IntegrationRevision,
  type IntegrationTemplate,
} from '../../core/db/schema/index.js';
import { recordChange } from './audit.js';
import { carryOverSecrets } from './secrets.js';

interface RevisionInput {
  config: Record<string, unknown>;
  delivery_mode: string;
  change_summary: string;
}

/**
 * Validate the config against the vendor's catalog entry and write the next revision.
 *
 * @example const rev = await createRevision(tx, deps, caller, template, { config, delivery_mode: 'server_side', change_summary: 'Rotated token' });
 */
export async function createRevision(
  tx: Tx,
  deps: AdminDeps,
  caller: Caller,
  template: IntegrationTemplate,
  input: RevisionInput,
): Promise<IntegrationRevision> {
  const entry = getCatalogEntry(template.vendor);
  const [previous] = await tx
    .select({ config: integrationRevisions.config })
    .from(integrationRevisions)
    .where(eq(integrationRevisions.integrationId, template.id))
    .orderBy(desc(integrationRevisions.revisionNumber))
    .limit(1);
  const { config, unresolved } = carryOverSecrets(entry, input.config, previous?.config);
  if (unresolved) {
    throw new DataflyError(
      'invalid_request',
      `${unresolved} is a masked value that does not match the previous revision; send the secret itself`,
      {
        field: `config.${unresolved}`,
      },
    );
  }
  validateConfig(entry, config);
  refusePrivateTargets(config, 'config', deps.allowPrivateTargets);
  checkVendorSettings(template.vendor, config);
  const now = deps.now();
  const [bumped] = await tx
    .update(integrationTemplates)
    .set({ latestRevision: sql`${integrationTemplates.latestRevision} + 1`, updatedAt: now })
    .where(eq(integrationTemplates.id, template.id))
    .returning({ number: integrationTemplates.latestRevision });
  if (!bumped) throw new DataflyError('not_found', `integration template ${template.id} not found`);
  const [revision] = await tx
    .insert(integrationRevisions)
    .values({
      id: deps.newId('rev'),
      integrationId: template.id,
      revisionNumber: bumped.number,
      config,
      deliveryMode: input.delivery_mode,
      changeSummary: input.change_summary,
      createdBy: caller.tokenId,
      createdAt: now,
    })
    .returning();
  await recordChange(
    tx,
    caller,
    {
      action: 'revision.create',
      entityType: 'revision',
      entityId: revision!.id,
      details: { integration_id: template.id, revision_number: bumped.number },
    },
    now,
  );
  return revision!;
}

/**
 * The vendor's own settings parser (regexes, either-or fields, mapping categories, templates) as
 * a second check. A field holding a `{{pipeline_param.KEY}}` reference is only known per
 * pipeline (the processor checks it when it loads the config), so a complaint about such a field
 * is let through; a complaint about any other field is still a 400 now.
 */
function checkVendorSettings(vendorKey: string, config: Record<string, unknown>): void {
  const vendor = getVendor(vendorKey);
  if (!vendor) return;
  try {
    vendor.parseSettings(urlProbe(vendorKey, config));
  } catch (e) {
    if (!isDataflyError(e)) throw e;
    // Vendor paths name the mapping category (`parameters.pixel_id`); flat keys live at the top.
    const raw = e.field ?? '';
    const flatKey = raw.startsWith('parameters.') ? raw.slice('parameters.'.length) : undefined;
    const params =
      config.parameters !== null && typeof config.parameters === 'object'
        ? (config.parameters as Record<string, unknown>)
        : undefined;
    const nestedStyle = params !== undefined && !Object.hasOwn(config, flatKey ?? '');
    const key = flatKey ?? raw;
    const value = Object.hasOwn(config, key) ? config[key] : params?.[key];
    if (key && findParamRefs(value).length > 0) return;
    const field = flatKey !== undefined && !nestedStyle ? flatKey : raw;
    throw new DataflyError('invalid_request', e.message, {
      field: field ? `config.${field}` : 'config',
      cause: e,
    });
  }
}

/**
 * The config with URL-typed fields that hold a `{{pipeline_param.KEY}}` reference replaced by a
 * stand-in URL, so the vendor parser gets past them and checks the rest (templates, other fields).
 */
function urlProbe(vendorKey: string, config: Record<string, unknown>): Record<string, unknown> {
  const urlFields = new Set(
    (getCatalogEntry(vendorKey)?.fields ?? []).filter((f) => f.type === 'url').map((f) => f.key),
  );
  const swap = (obj: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [
        k,
        urlFields.has(k) && findParamRefs(v).length > 0 ? 'https://pipeline-parameter.invalid/' : v,
      ]),
    );
  const probe = swap(config);
  if (
    config.parameters !== null &&
    typeof config.parameters === 'object' &&
    !Array.isArray(config.parameters)
  ) {
    probe.parameters = swap(config.parameters as Record<string, unknown>);
  }
  return probe;
}
