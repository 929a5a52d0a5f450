import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const linkedin: CatalogEntry = {
  vendor: 'linkedin',
  name: 'LinkedIn',
  category: 'advertising',
  description: 'Conversions API.',
  api: 'Conversions API (/rest/conversionEvents)',
  status: 'ga',
  fields: [
    field('access_token', 'Access token', 'secret', '3-legged OAuth access token with the rw_conversions scope.'),
    field('conversion_rule_id', 'Conversion rule ID', 'string', 'Id of a conversion rule created with conversionMethod CONVERSIONS_API (urn:lla:llaPartnerConversion:{id}).'),
    optional('conversion_rules', 'Conversion rules by type', 'json', 'Rule type (e.g. PURCHASE, LEAD) → conversion rule id, for events mapped to other rule types.'),
    optional('test_conversion_rule_id', 'Test conversion rule ID', 'string', 'Rule used while test mode is on.'),
    optional('linkedin_version', 'LinkedIn API version', 'string', 'LinkedIn-Version header (YYYYMM), e.g. 202511.', { default: '202511' }),
  ],
  variants: [],
};
