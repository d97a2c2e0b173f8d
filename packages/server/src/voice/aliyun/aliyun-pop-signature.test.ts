import { describe, expect, it } from 'vitest';
import { popPercentEncode, popSignature } from './aliyun-pop-signature.js';

describe('Alibaba Cloud POP signature (CreateToken)', () => {
  const params = {
    AccessKeyId: 'testid',
    Action: 'CreateToken',
    Format: 'JSON',
    RegionId: 'cn-shanghai',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: 'n *~',
    SignatureVersion: '1.0',
    Timestamp: '2019-04-18T08:32:31Z',
    Version: '2019-02-28',
  };

  it('matches a signature computed independently with openssl over the RFC 3986 canonical query', () => {
    // printf 'GET&%2F&<encoded canonical>' | openssl dgst -sha1 -hmac 'testsecret&' -binary | base64
    expect(popSignature('GET', params, 'testsecret')).toBe('EAp8G7LgbKYdz/4pkIFSf6Je5Fc=');
  });

  it('encodes space as %20 and * as %2A but keeps ~', () => {
    expect(popPercentEncode("a b*~!'()")).toBe('a%20b%2A~%21%27%28%29');
  });

  it('ignores a Signature parameter already in the query', () => {
    expect(popSignature('GET', { ...params, Signature: 'x' }, 'testsecret')).toBe(popSignature('GET', params, 'testsecret'));
  });
});
