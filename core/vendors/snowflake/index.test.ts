// Snowflake's second step (Snowpipe insertFiles with a key-pair JWT), which the generic case
// runner does not reach (it compares the first request of each case). Golden cases: ./cases.ts.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { publicKeyFingerprint } from '../spec/auth.js';
import { fullPurchase, makeEvent } from '../testing/events.js';
import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { cases, classifyCases } from './cases.js';
import { snowflake } from './index.js';
import { testPrivateKey } from './test-key.js';

runVendorCases(snowflake.definition, cases);
runClassifyCases(snowflake.definition, classifyCases);

describe('snowflake load step', () => {
  const settings = snowflake.definition.parseSettings({
    ...snowflake.declaration.test_settings,
    key_prefix: 'stage',
  });

  it('asks Snowpipe to load the file it staged, by its path relative to the stage, with the key-pair JWT', async () => {
    const { token } = await snowflake.definition.authorize!(settings, fetch);
    expect(decodeJwt(token)).toMatchObject({
      iss: `ACME-ANALYTICS.DATAFLY_LOADER.${publicKeyFingerprint(testPrivateKey())}`,
      sub: 'ACME-ANALYTICS.DATAFLY_LOADER',
    });
    const [req] = snowflake.definition.format(
      [fullPurchase(), makeEvent({ event_id: 'evt-2' })],
      settings,
      { testMode: false, accessToken: token },
    ).requests;
    const name = 'dt=2026-01-01/hour=12/15f83255c58aa912632904b3d69c83a4.ndjson.gz';
    expect(req!.url).toBe(`https://datafly-stage-test.s3.us-east-1.amazonaws.com/stage/${name}`);
    expect(req!.then).toMatchObject({
      method: 'POST',
      url: 'https://acme-analytics.snowflakecomputing.com/v1/data/pipes/ANALYTICS.RAW.EVENTS_PIPE/insertFiles',
      headers: {
        authorization: `Bearer ${token}`,
        'x-snowflake-authorization-token-type': 'KEYPAIR_JWT',
        'content-type': 'application/json',
      },
      event_ids: ['ORD-1001', 'evt-2'],
    });
    expect(JSON.parse(req!.then!.body!)).toEqual({ files: [{ path: name }] });
  });

  it('reads Snowpipe’s answer on the load step: a missing pipe is rejected quoting Snowflake, a 429 retried', () => {
    const next = snowflake.definition.format([fullPurchase()], settings, {
      testMode: false,
      accessToken: 't',
    }).requests[0]!.then!;
    expect(
      snowflake.definition.classify(
        {
          status: 404,
          headers: {},
          body: JSON.stringify({
            code: '390404',
            message: 'Specified object does not exist or not authorized. Pipe not found',
          }),
        },
        next,
      )[0],
    ).toMatchObject({
      status: 'failed',
      reason: 'Snowflake 390404: Specified object does not exist or not authorized. Pipe not found',
    });
    expect(
      snowflake.definition.classify({ status: 429, headers: {}, body: '{}' }, next)[0],
    ).toMatchObject({ status: 'retry', code: 'vendor_throttled' });
  });

  it('a private key that is not a PEM fails authorization as a configuration error naming the setting', async () => {
    const bad = snowflake.definition.parseSettings({
      ...snowflake.declaration.test_settings,
      private_key: 'not a key',
    });
    await expect(snowflake.definition.authorize!(bad, fetch)).rejects.toMatchObject({
      code: 'config_error',
    });
  });
});
