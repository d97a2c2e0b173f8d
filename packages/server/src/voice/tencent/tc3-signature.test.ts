import { describe, expect, it } from 'vitest';
import { tc3Authorization } from './tc3-signature.js';

describe('Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256)', () => {
  // The worked example of Tencent's "签名方法 v3" page (CVM DescribeInstances); the documented keys are masked with
  // `*`, and the documented signature was computed over the masked key exactly as printed.
  const example = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    contentType: 'application/json; charset=utf-8',
    payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
    timestamp: 1551113065,
  };

  it('reproduces the signature and Authorization header of the documented example', () => {
    const { signature, authorization } = tc3Authorization(example);
    expect(signature).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('changes with the payload, the host and the secret', () => {
    const base = tc3Authorization(example).signature;
    expect(tc3Authorization({ ...example, payload: '{"Limit": 2}' }).signature).not.toBe(base);
    expect(tc3Authorization({ ...example, host: 'cvm.ap-shanghai.tencentcloudapi.com' }).signature).not.toBe(base);
    expect(tc3Authorization({ ...example, secretKey: 'other' }).signature).not.toBe(base);
  });
});
