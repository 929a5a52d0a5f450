/** Small builders so each catalog entry reads as a table of fields. */
import type { ConfigField, ConfigFieldType } from '../types.js';

type Extra = Partial<Pick<ConfigField, 'options' | 'default' | 'required' | 'secret'>>;

/**
 * A required, non-secret field unless `extra` says otherwise (type `secret` implies secret).
 *
 * @example field('pixel_id', 'Pixel ID', 'string', 'Events Manager → Data sources → the pixel id.')
 */
export function field(
  key: string,
  label: string,
  type: ConfigFieldType,
  help: string,
  extra: Extra = {},
): ConfigField {
  return { key, label, type, required: true, secret: type === 'secret', help, ...extra };
}

/** An optional field. @example optional('test_event_code', 'Test event code', 'string', '…') */
export const optional = (
  key: string,
  label: string,
  type: ConfigFieldType,
  help: string,
  extra: Extra = {},
): ConfigField => field(key, label, type, help, { required: false, ...extra });
