import { describe, expect, it } from 'vitest';
import { maskUrl, urlSecrets } from './index.js';

describe('secrets inside URLs', () => {
  it.each([
    {
      name: 'user-info is masked whole',
      url: 'https://user:p4ssw0rd@hooks.example/x',
      masked: 'https://••••@hooks.example/x',
      secrets: ['user', 'p4ssw0rd'],
    },
    {
      name: 'a secret query value is masked, others kept',
      url: 'https://h.example/x?api_key=abc123&region=eu',
      masked: 'https://h.example/x?api_key=••••&region=eu',
      secrets: ['abc123'],
    },
    {
      name: 'token, signature and password names count as secret',
      url: 'https://h.example/?access_token=t1&sig=s1&Password=p1#frag',
      masked: 'https://h.example/?access_token=••••&sig=••••&Password=••••#frag',
      secrets: ['t1', 's1', 'p1'],
    },
    {
      name: 'encoded values are found in both forms',
      url: 'https://h.example/?apikey=a%2Bb',
      masked: 'https://h.example/?apikey=••••',
      secrets: ['a%2Bb', 'a+b'],
    },
    {
      name: 'a URL without secrets is unchanged',
      url: 'https://h.example/collect?v=2&tid=G-1',
      masked: 'https://h.example/collect?v=2&tid=G-1',
      secrets: [],
    },
  ])('$name', ({ url, masked, secrets }) => {
    expect(maskUrl(url)).toBe(masked);
    expect(urlSecrets(url)).toEqual(secrets);
  });
});
