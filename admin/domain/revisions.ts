/**
 * Creating a revision: the next `revision_number` comes from bumping the template's counter
 * (`UPDATE … RETURNING`, which row-locks the template until commit), so concurrent creations
 * queue instead of colliding; the unique (integration_id, revision_number) index is the backstop.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { getCatalogEntry, validateConfig } from '../../core/catalog';
import { DataflyError, isDataflyError } from '../../core/errors';
import { findParamRefs } from '../../core/params';
import { getVendor } from '../../core/vendors/registry';
import type { AdminDeps, Caller } from '../context';
import type { Tx } from '../db/client';
import { integrationRevisions, integrationTemplates, type IntegrationRevision, type IntegrationTemplate } from '../db/schema';
import { recordChange } from './audit';
import { carryOverSecrets } from './secrets';

export interface RevisionInput {
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
    throw new DataflyError('invalid_request', `${unresolved} is a masked value that does not match the previous revision; send the secret itself`, {
      field: `config.${unresolved}`,
    });
  }
  validateConfig(entry, config);
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
    { action: 'revision.create', entityType: 'revision', entityId: revision!.id, details: { integration_id: template.id, revision_number: bumped.number } },
    now,
  );
  return revision!;
}

/**
 * The vendor's own settings parser (regexes, either-or fields, mapping categories) as a second
 * check, when the config is complete as written. A config with `{{pipeline_param.KEY}}`
 * references is only fully known per pipeline; the processor checks it when it loads it.
 */
function checkVendorSettings(vendorKey: string, config: Record<string, unknown>): void {
  const vendor = getVendor(vendorKey);
  if (!vendor || findParamRefs(config).length > 0) return;
  try {
    vendor.parseSettings(config);
  } catch (e) {
    if (!isDataflyError(e)) throw e;
    // Vendor paths name the mapping category (`parameters.pixel_id`); flat keys live at the top.
    const raw = e.field ?? '';
    const flatKey = raw.startsWith('parameters.') ? raw.slice('parameters.'.length) : undefined;
    const nestedStyle = config.parameters !== null && typeof config.parameters === 'object' && !Object.hasOwn(config, flatKey ?? '');
    const field = flatKey !== undefined && !nestedStyle ? flatKey : raw;
    throw new DataflyError('invalid_request', e.message, { field: field ? `config.${field}` : 'config', cause: e });
  }
}
