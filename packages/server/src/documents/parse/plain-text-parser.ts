import type { ParsedDocument } from './document-block.js';
import { decodeDocumentText } from './document-type.js';
import { LineBlocks } from './line-blocks.js';

/**
 * Plain text: paragraphs between blank lines, headings found from Chinese numbering.
 * @example parsePlainText(Buffer.from('第一章 总则\n本手册适用于…')).blocks[0] // { kind: 'heading', level: 1, text: '第一章 总则' }
 */
export function parsePlainText(data: Buffer): ParsedDocument {
  const lines = decodeDocumentText(data).replace(/\r\n?/g, '\n').split('\n');
  const blocks = new LineBlocks({ tables: false });
  blocks.addLines(lines);
  return { title: null, pages: null, blocks: blocks.blocks };
}
