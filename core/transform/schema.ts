/**
 * Zod schemas for the declarative configuration the transform engine runs: pipeline
 * transformation steps and the org data layer (types in core/config-store/types.ts). Admin
 * validates input with these; the engine accepts nothing they reject.
 */
import { z } from 'zod';
import { Condition } from '../condition/index.js';
import { LINK_HOST } from '../keys/record.js';
import type {
  OrgDataLayer as OrgDataLayerType,
  TransformStep as TransformStepType,
} from '../config-store/types.js';

const path = z.string().min(1).max(256);

const TransformStep: z.ZodType<TransformStepType> = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('filter'), when: Condition, action: z.enum(['drop', 'keep']) }),
  z.strictObject({ op: z.literal('set'), path, value: z.unknown(), when: Condition.optional() }),
  z.strictObject({ op: z.literal('rename'), from: path, to: path }),
  z.strictObject({ op: z.literal('delete'), path }),
  z.strictObject({ op: z.literal('hash'), path, algorithm: z.literal('sha256').optional() }),
]) as z.ZodType<TransformStepType>;

export const TransformSteps = z.array(TransformStep).max(200);

export const OrgDataLayer: z.ZodType<OrgDataLayerType> = z.object({
  parse_user_agent: z.boolean().default(false),
  drop_bots: z.boolean().default(false),
  truncate_ip: z.boolean().default(false),
  pii_rules: z
    .array(z.strictObject({ match: z.string().min(1).max(128), action: z.enum(['drop', 'hash']) }))
    .max(200)
    .default([]),
  renames: z
    .array(z.strictObject({ from: path, to: path }))
    .max(200)
    .default([]),
  identity: z
    .strictObject({
      enabled: z.boolean(),
      learn_consent: z.array(z.string().min(1).max(64)).max(20),
      share_consent: z.array(z.string().min(1).max(64)).max(20),
      link_domains: z.array(z.string().regex(LINK_HOST)).max(20).optional(),
    })
    .optional(),
}) as z.ZodType<OrgDataLayerType>;

/** The org data layer that changes nothing (an org that configured none). */
export const EMPTY_ORG_DATA_LAYER: OrgDataLayerType = {
  parse_user_agent: false,
  drop_bots: false,
  truncate_ip: false,
  pii_rules: [],
  renames: [],
};
