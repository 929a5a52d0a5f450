import type { CatalogEntry } from '../types';
import { field } from './fields';

export const bigquery: CatalogEntry = {
  vendor: 'bigquery',
  name: 'Google BigQuery',
  category: 'cloud_storage',
  description: 'Streaming Insert.',
  api: 'tabledata.insertAll',
  status: 'ga',
  fields: [
    field('project_id', 'Project ID', 'string', 'Google Cloud project that holds the dataset.'),
    field('dataset_id', 'Dataset ID', 'string', 'BigQuery dataset.'),
    field('table_id', 'Table ID', 'string', 'Table whose schema the rows match.'),
    field('service_account_json', 'Service account key', 'secret', 'JSON key of a service account with bigquery.tables.updateData on the table.'),
  ],
  variants: [],
};
