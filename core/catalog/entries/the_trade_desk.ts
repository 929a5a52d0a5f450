import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

export const the_trade_desk: CatalogEntry = {
  vendor: 'the_trade_desk',
  name: 'The Trade Desk',
  category: 'advertising',
  description: 'Real-Time Conversions.',
  api: 'Real-Time Conversions (insight.adsrvr.org/track/realtimeconversion)',
  status: 'ga',
  fields: [
    field('advertiser_id', 'Advertiser ID', 'string', 'The advertiser id (sent as adv).'),
    field('tracker_id', 'Tracker ID', 'string', 'The event tracker / tracking tag id.'),
    optional('merchant_id', 'Merchant ID', 'string', 'For retail/merchant setups.'),
    optional('test_tracker_id', 'Test tracker ID', 'string', 'Tracker used while test mode is on.'),
  ],
  variants: [],
};
