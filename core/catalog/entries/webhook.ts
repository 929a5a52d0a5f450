import type { CatalogEntry } from '../types.js';
import { field, optional } from './fields.js';

export const webhook: CatalogEntry = {
  vendor: 'webhook',
  name: 'Custom Webhook',
  category: 'other',
  description: 'Any HTTP endpoint.',
  api: 'HTTP (JSON)',
  status: 'ga',
  fields: [
    field(
      'url',
      'Endpoint URL',
      'url',
      'The HTTP endpoint events are sent to (HTTPS in production).',
    ),
    optional('method', 'Method', 'select', 'HTTP method.', {
      options: ['POST', 'PUT', 'PATCH'],
      default: 'POST',
    }),
    optional(
      'auth_method',
      'Authentication',
      'select',
      'How the endpoint authenticates requests.',
      { options: ['none', 'bearer', 'basic', 'hmac'], default: 'none' },
    ),
    optional(
      'auth_token',
      'Bearer token',
      'secret',
      'Sent as Authorization: Bearer … (auth_method bearer).',
    ),
    optional('auth_username', 'Username', 'string', 'Basic auth user name (auth_method basic).'),
    optional('auth_password', 'Password', 'secret', 'Basic auth password (auth_method basic).'),
    optional(
      'hmac_secret',
      'HMAC secret',
      'secret',
      'Signs the body with HMAC-SHA256 (auth_method hmac).',
    ),
    optional('hmac_header', 'HMAC header', 'string', 'Header carrying sha256=<hex signature>.', {
      default: 'X-Signature-256',
    }),
    optional(
      'headers',
      'Extra headers',
      'json',
      'Static headers as a JSON object of name → value.',
    ),
    optional(
      'payload_format',
      'Payload format',
      'select',
      'canonical sends the Datafly event as-is; custom renders payload_template.',
      {
        options: ['canonical', 'custom'],
        default: 'canonical',
      },
    ),
    optional(
      'payload_template',
      'Payload template',
      'string',
      'Handlebars template for the body ({{event}}, {{properties.*}}, …) when payload_format is custom.',
    ),
    optional(
      'batch_enabled',
      'Batching',
      'boolean',
      'Send events as a JSON array of up to batch_size.',
      { default: false },
    ),
  ],
  variants: [],
};
