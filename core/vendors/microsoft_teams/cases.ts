/** Microsoft Teams golden cases as data (workflow URL and card: see index.ts). */
import { fullPurchase } from '../testing/events.js';
import type { ClassifyCase, VendorCase } from '../testing/index.js';

const URL =
  'https://prod-12.westus.logic.azure.com/workflows/abc123/triggers/manual/paths/invoke?api-version=2016-06-01&sp=/triggers/manual/run&sv=1.0&sig=s1g';
const CARD = (text: string, facts?: { title: string; value: string }[]) => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text, weight: 'Bolder', wrap: true },
          ...(facts ? [{ type: 'FactSet', facts }] : []),
        ],
      },
    },
  ],
});

export const cases: VendorCase[] = [
  {
    name: 'A purchase posts an Adaptive Card with the order’s facts to the workflow’s own host, path and signed query',
    settings: {
      webhook_url:
        'https://prod-12.westus.logic.azure.com:443/workflows/abc123/triggers/manual/paths/invoke' +
        '?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s1g',
    },
    input: [fullPurchase()],
    expected: {
      requests: [
        {
          url: URL,
          event_ids: ['ORD-1001'],
          body: CARD('New order (user user-123)', [
            { title: 'order_id', value: 'ORD-1001' },
            { title: 'revenue', value: '59.98' },
            { title: 'currency', value: 'USD' },
          ]),
        },
      ],
    },
  },
  {
    name: 'A Power Platform workflow URL keeps its path prefix',
    settings: {
      webhook_url:
        'https://default1234.56.environment.api.powerplatform.com:443' +
        '/powerautomate/automations/direct/workflows/wf9/triggers/manual/paths/invoke' +
        '?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=zz',
    },
    input: [fullPurchase({ properties: {} })],
    expected: {
      requests: [
        {
          url:
            'https://default1234.56.environment.api.powerplatform.com' +
            '/powerautomate/automations/direct/workflows/wf9/triggers/manual/paths/invoke' +
            '?api-version=1&sp=/triggers/manual/run&sv=1.0&sig=zz',
          body: CARD('New order (user user-123)'),
        },
      ],
    },
  },
  {
    name: 'A URL on another host is refused',
    settings: {
      webhook_url: 'https://example.com/workflows/abc/triggers/manual/paths/invoke?sig=x',
    },
    input: [fullPurchase()],
    expected: { error: { code: 'config_error', field: 'parameters.webhook_url' } },
  },
];

export const classifyCases: ClassifyCase[] = [
  {
    name: 'A disabled workflow (404) is final, quoting the error',
    request: { event_ids: ['a'] },
    response: {
      status: 404,
      body: { error: { code: 'WorkflowNotFound', message: 'The workflow was not found.' } },
    },
    expected: [
      {
        status: 'failed',
        code: 'vendor_rejected',
        reason: 'HTTP 404: The workflow was not found.',
      },
    ],
  },
  {
    name: 'An accepted message (202) is delivered',
    request: { event_ids: ['a'] },
    response: { status: 202 },
    expected: [{ status: 'delivered' }],
  },
];
