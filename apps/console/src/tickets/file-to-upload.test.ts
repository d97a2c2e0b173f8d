import { describe, expect, it } from 'vitest';
import { attachmentProblem, fileToUpload, MAX_ATTACHMENT_BYTES } from './file-to-upload.js';

describe('reply attachments', () => {
  it('accepts images and PDFs up to 5 MB', () => {
    expect(attachmentProblem({ type: 'image/png', size: 10 })).toBeNull();
    expect(attachmentProblem({ type: 'application/pdf', size: MAX_ATTACHMENT_BYTES })).toBeNull();
  });

  it('refuses other types and larger files', () => {
    expect(attachmentProblem({ type: 'text/html', size: 10 })).toBe('wrongType');
    expect(attachmentProblem({ type: 'image/jpeg', size: MAX_ATTACHMENT_BYTES + 1 })).toBe('tooLarge');
  });

  it('encodes the bytes as base64, also past one chunk', async () => {
    const bytes = new Uint8Array(70_000).map((_, index) => index % 251);
    const upload = await fileToUpload(new File([bytes], '凭证.png', { type: 'image/png' }));
    expect(upload.filename).toBe('凭证.png');
    expect(upload.contentType).toBe('image/png');
    expect(atob(upload.dataBase64)).toBe(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
  });
});
