import { Lexer, type Token, type Tokens } from 'marked';
import type { DocumentBlock, ParsedDocument } from './document-block.js';
import { decodeDocumentText } from './document-type.js';
import { tableRows } from './table-rows.js';

/**
 * Markdown through marked's lexer (CommonMark + GFM tables): `#` headings keep their depth,
 * paragraphs, list items, quotes and code become paragraphs of plain text (inline markup dropped,
 * a link keeps its text), tables become named rows. The first level-1 heading is the title.
 * @example parseMarkdown(Buffer.from('# 售后服务手册\n\n## 3.2 运费\n\n运费由卖家承担。')).title // '售后服务手册'
 */
export function parseMarkdown(data: Buffer): ParsedDocument {
  const tokens = new Lexer({ gfm: true }).lex(decodeDocumentText(data).replace(/\r\n?/g, '\n'));
  const blocks: DocumentBlock[] = [];
  walk(tokens, blocks);
  const title = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return { title: title?.kind === 'heading' ? title.text : null, pages: null, blocks };
}

function walk(tokens: readonly Token[], blocks: DocumentBlock[]): void {
  for (const token of tokens as Tokens.Generic[]) {
    switch (token.type) {
      case 'heading': {
        const text = inline((token as Tokens.Heading).tokens).trim();
        if (text) blocks.push({ kind: 'heading', level: (token as Tokens.Heading).depth, text });
        break;
      }
      case 'paragraph':
      case 'text': {
        const text = token.tokens ? inline(token.tokens) : String(token.text ?? '');
        if (text.trim()) blocks.push({ kind: 'paragraph', text: text.trim() });
        break;
      }
      case 'code':
        if (String(token.text).trim()) blocks.push({ kind: 'paragraph', text: String(token.text).trim() });
        break;
      case 'html':
        if ((token as Tokens.HTML).block) {
          const text = stripTags((token as Tokens.HTML).text);
          if (text) blocks.push({ kind: 'paragraph', text });
        }
        break;
      case 'blockquote':
        walk((token as Tokens.Blockquote).tokens, blocks);
        break;
      case 'list':
        for (const [i, item] of (token as Tokens.List).items.entries()) {
          const inner: DocumentBlock[] = [];
          walk(item.tokens, inner);
          // The item's first paragraph carries its marker, so "1. 登录" stays a numbered step.
          const marker = (token as Tokens.List).ordered ? `${Number((token as Tokens.List).start || 1) + i}. ` : '• ';
          const first = inner.findIndex((b) => b.kind === 'paragraph');
          if (first >= 0) {
            const block = inner[first] as { kind: 'paragraph'; text: string };
            inner[first] = { kind: 'paragraph', text: marker + block.text };
          }
          blocks.push(...inner);
        }
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const rows = tableRows(
          table.header.map((c) => inline(c.tokens)),
          table.rows.map((r) => r.map((c) => inline(c.tokens))),
        );
        if (rows.length > 0) blocks.push({ kind: 'table', rows });
        break;
      }
      default:
        break;
    }
  }
}

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return (tokens as Tokens.Generic[])
    .map((t) => {
      if (t.type === 'br') return '\n';
      if (t.type === 'html') return stripTags(String(t.text));
      if (t.type === 'image') return String(t.text ?? '');
      if (t.tokens && t.tokens.length > 0) return inline(t.tokens);
      return decodeEntities(String(t.text ?? ''));
    })
    .join('');
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** marked escapes &, <, >, " and ' in text tokens; the passages are plain text. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
