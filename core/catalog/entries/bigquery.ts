import type { CatalogEntry } from '../types';
import { field, optional } from './fields';

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
    optional('skip_invalid_rows', 'Skip invalid rows', 'boolean', 'Insert the valid rows of a request even when some rows are invalid.', { default: true }),
    optional('ignore_unknown_values', 'Ignore unknown values', 'boolean', 'Drop fields the table does not have instead of rejecting the row.', { default: false }),
    optional('template_suffix', 'Template suffix', 'string', 'Insert into {table}{suffix}, created from the base table schema.'),
  ],
  variants: [],
};
