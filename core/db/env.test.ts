import { describe, expect, it } from 'vitest';
import { loadProcessorConfig } from '../services/processor/config.js';
import { databaseOptions } from './env.js';

describe('the database settings of a service', () => {
  it('puts PGlite in a worker thread unless DATAFLY_PGLITE_THREAD is 0', () => {
    expect(loadProcessorConfig({}).DATAFLY_PGLITE_THREAD).toBe(true);
    expect(loadProcessorConfig({ DATAFLY_PGLITE_THREAD: '1' }).DATAFLY_PGLITE_THREAD).toBe(true);
    expect(loadProcessorConfig({ DATAFLY_PGLITE_THREAD: '0' }).DATAFLY_PGLITE_THREAD).toBe(false);
  });

  it('refuses any other value, naming the setting', () => {
    expect(() => loadProcessorConfig({ DATAFLY_PGLITE_THREAD: 'no' })).toThrow(
      /DATAFLY_PGLITE_THREAD/,
    );
  });

  it('gives openDatabase the URL, the data folder and the thread setting', () => {
    const config = loadProcessorConfig({
      DATABASE_URL: 'postgres://db/x',
      DATAFLY_DATA_DIR: '/var/datafly',
      DATAFLY_PGLITE_THREAD: '0',
    });
    expect(databaseOptions(config)).toEqual({
      url: 'postgres://db/x',
      dataDir: '/var/datafly',
      thread: false,
    });
  });
});
