import { describe, expect, it } from 'vitest';
import { tencentAsrSignature } from './tencent-asr-signature.js';

describe('Tencent Cloud 实时语音识别 URL signature', () => {
  const params = {
    secretid: 'AKIDtest',
    timestamp: '1673408372',
    expired: '1673494772',
    nonce: '1673408372',
    engine_model_type: '16k_zh',
    voice_id: 'c64385ee-3e5c-4fc5-bbfd-7c71addb35b0',
    voice_format: '1',
    needvad: '1',
  };

  it('matches a signature computed independently with openssl over the documented source string', () => {
    // The documentation's 签名原文 shape (its keys are masked, so there is no published signature to compare with):
    // printf 'asr.cloud.tencent.com/asr/v2/1259228442?engine_model_type=16k_zh&expired=1673494772&needvad=1&nonce=1673408372&secretid=AKIDtest&timestamp=1673408372&voice_format=1&voice_id=c64385ee-3e5c-4fc5-bbfd-7c71addb35b0' \
    //   | openssl dgst -sha1 -hmac 'testsecret' -binary | base64
    expect(tencentAsrSignature('asr.cloud.tencent.com/asr/v2/1259228442', params, 'testsecret')).toBe('tD3P7FYddLw7ndjXhGTPeAypsKQ=');
  });

  it('ignores a signature parameter already in the query and depends on the app id in the path', () => {
    const base = tencentAsrSignature('asr.cloud.tencent.com/asr/v2/1259228442', params, 'testsecret');
    expect(tencentAsrSignature('asr.cloud.tencent.com/asr/v2/1259228442', { ...params, signature: 'x' }, 'testsecret')).toBe(base);
    expect(tencentAsrSignature('asr.cloud.tencent.com/asr/v2/1259228443', params, 'testsecret')).not.toBe(base);
  });
});
