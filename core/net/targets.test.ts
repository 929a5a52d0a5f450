import { describe, expect, it } from 'vitest';
import { findPrivateTarget, privateTargetReason } from './targets.js';

// Attack cases (issue 12): targets a saved URL must not reach, and the ones that are fine.
const refused: [string, RegExp][] = [
  ['http://169.254.169.254/latest/meta-data/', /link-local/],
  ['http://[fd00:ec2::254]/latest/meta-data/', /unique-local/],
  ['http://127.0.0.1:8080/admin', /loopback/],
  ['http://2130706433/', /loopback/],
  ['http://0x7f.1/', /loopback/],
  ['http://[::ffff:127.0.0.1]/', /loopback/],
  ['http://[::1]/', /loopback/],
  ['http://10.0.0.5/hook', /private-network/],
  ['http://172.16.3.4/hook', /private-network/],
  ['http://192.168.1.1/', /private-network/],
  ['http://100.64.1.1/', /carrier-grade NAT/],
  ['http://0.0.0.0/', /unspecified/],
  ['http://[fe80::1]/', /link-local/],
  ['http://localhost:3000/', /internal host name/],
  ['http://api.localhost/', /internal host name/],
  ['http://metadata.google.internal/computeMetadata/v1/', /internal host name/],
  ['http://printer.local/', /internal host name/],
];

describe('private targets', () => {
  it.each(refused)('refuses %s', (url, reason) => {
    expect(privateTargetReason(new URL(url), [])).toMatch(reason);
  });

  it.each([
    'https://hooks.example.com/in',
    'https://8.8.8.8/dns',
    'https://[2606:4700::1111]/',
    'https://graph.facebook.com/v21.0/1/events',
  ])('accepts %s', (url) => {
    expect(privateTargetReason(new URL(url), [])).toBeUndefined();
  });

  it('lets an operator allow named hosts, or every host with *', () => {
    expect(
      privateTargetReason(new URL('http://127.0.0.1:9000/sandbox'), ['127.0.0.1']),
    ).toBeUndefined();
    expect(privateTargetReason(new URL('http://[::1]/'), ['::1'])).toBeUndefined();
    expect(privateTargetReason(new URL('http://169.254.169.254/'), ['127.0.0.1'])).toMatch(
      /link-local/,
    );
    expect(privateTargetReason(new URL('http://10.0.0.5/'), ['*'])).toBeUndefined();
  });

  it('finds the first private URL anywhere in a config and names its path; templates and plain strings are not judged', () => {
    const config = {
      name: 'http-ish',
      spec: {
        endpoint: { base_url: 'https://{{settings.host}}/v1' },
        auth: { kind: 'oauth2', token_url: 'http://169.254.169.254/token' },
      },
      list: ['https://ok.example'],
    };
    expect(findPrivateTarget(config, [])).toEqual({
      path: 'spec.auth.token_url',
      reason: expect.stringMatching(/link-local/),
    });
    expect(findPrivateTarget({ hooks: ['https://ok.example', 'http://10.1.1.1/x'] }, [])).toEqual({
      path: 'hooks.1',
      reason: expect.stringMatching(/private/),
    });
    expect(
      findPrivateTarget({ url: 'https://ok.example', note: 'call 10.0.0.1 later' }, []),
    ).toBeUndefined();
  });
});
