import { describe, expect, it } from 'vitest';
import { getTicketCatalogue, ticketErrorText } from './ticket-messages.js';

describe('ticket screen text', () => {
  const zh = getTicketCatalogue('zh-CN');

  it('passes the server’s own explanation through', () => {
    expect(ticketErrorText({ code: 'attachment_too_large', message: '附件不能超过 5 MB' }, zh)).toBe('附件不能超过 5 MB');
  });

  it('says something useful where the server could not', () => {
    expect(ticketErrorText({ code: 'network_error', message: 'Failed to fetch' }, zh)).toBe('网络异常，请检查网络后重试');
    expect(ticketErrorText({ code: 'http_413', message: 'Payload Too Large' }, zh)).toBe('附件总大小超出限制，请减少或压缩附件');
    expect(ticketErrorText({ code: 'http_502', message: 'Bad Gateway' }, zh)).toBe('操作失败，请稍后重试');
    expect(ticketErrorText({ code: 'unavailable', message: 'no visitor session' }, getTicketCatalogue('en'))).toBe('We could not reach customer service. Please try again later.');
  });

  it('names the file in attachment problems', () => {
    expect(zh.attachmentProblem('too_large', '照片.png')).toBe('“照片.png”超过 5 MB，请压缩后再上传');
    expect(zh.submitted('GD202612060007')).toBe('工单已提交：GD202612060007');
  });
});
