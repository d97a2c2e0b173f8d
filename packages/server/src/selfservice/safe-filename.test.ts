import { describe, expect, it } from 'vitest';
import { sniffFileType } from './file-type-sniffer.js';
import { contentDisposition, safeFilename } from './safe-filename.js';

describe('upload file names', () => {
  it('keeps only the last path segment', () => {
    expect(safeFilename('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\张三\\身份证.jpg', 'image/jpeg')).toBe('身份证.jpg');
  });

  it('drops markup, quotes and control characters', () => {
    expect(safeFilename('../../etc/<b>租房合同</b>.PDF', 'application/pdf')).toBe('租房合同.pdf');
    expect(safeFilename('<img src=x onerror=alert(1)>照片"\u0000.png', 'image/png')).toBe('照片.png');
  });

  it('forces the extension of the real type and never returns an empty or hidden name', () => {
    expect(safeFilename('invoice.exe', 'application/pdf')).toBe('invoice.pdf');
    expect(safeFilename('.htaccess', 'image/png')).toBe('htaccess.png');
    expect(safeFilename('../', 'image/png')).toBe('attachment.png');
  });

  it('encodes a Chinese name for Content-Disposition', () => {
    expect(contentDisposition('租房合同.pdf')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''%E7%A7%9F%E6%88%BF%E5%90%88%E5%90%8C.pdf`);
  });
});

describe('file type sniffing', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
  });

  it('rejects HTML, SVG, executables and truncated signatures', () => {
    expect(sniffFileType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffFileType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e]))).toBeNull();
  });
});
