import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { DocumentBlock, ParsedDocument } from './document-block.js';
import { decodeDocumentText } from './document-type.js';
import { tableRows } from './table-rows.js';


/** Never content: code, styling, embedded objects, and a page's navigation chrome. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'nav', 'footer', 'aside', 'form', 'button', 'select', 'iframe', 'object', 'canvas']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'blockquote', 'pre', 'hr', 'figure', 'figcaption', 'address', 'center', 'details', 'summary', 'body', 'html']);
const HEADING = /^h([1-6])$/;

/**
 * HTML through htmlparser2 (a forgiving, spec-following tokenizer): h1–h6 are headings with their
 * level, block elements end paragraphs, tables become named rows, and scripts, styles and the
 * page's navigation and footer are left out. Inside a page with <main> (or a single <article>),
 * only that part is read. The <title> (or else the first h1) is the title.
 * Also reads the HTML that mammoth makes of a DOCX.
 * @example parseHtml(Buffer.from('<h2>3.2 运费</h2><p>运费由卖家承担。</p>')).blocks.length // 2
 */
export function parseHtml(data: Buffer | string): ParsedDocument {
  const html = typeof data === 'string' ? data : decodeDocumentText(data);
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const titleElement = DomUtils.findOne((e) => e.name === 'title', document.children, true);
  const articles = DomUtils.findAll((e) => e.name === 'article', document.children);
  const root = DomUtils.findOne((e) => e.name === 'main', document.children, true) ?? (articles.length === 1 ? articles[0]! : null);
  const walker = new BlockWalker();
  walker.walk(root ? [root] : document.children);
  const blocks = walker.finish();
  const pageTitle = titleElement ? clean(DomUtils.textContent(titleElement)) : '';
  const firstH1 = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  return { title: pageTitle || (firstH1?.kind === 'heading' ? firstH1.text : null), pages: null, blocks };
}

class BlockWalker {
  private readonly blocks: DocumentBlock[] = [];
  private inline = '';

  walk(nodes: readonly ChildNode[], pre = false): void {
    for (const node of nodes) {
      if (isText(node)) {
        this.inline += pre ? node.data : node.data.replace(/\s+/g, ' ');
        continue;
      }
      if (!isTag(node)) continue;
      const element = node;
      const name = element.name;
      if (SKIPPED.has(name) || element.attribs.hidden !== undefined || element.attribs['aria-hidden'] === 'true') continue;
      if (name === 'br') {
        this.inline += '\n';
        continue;
      }
      const heading = HEADING.exec(name);
      if (heading) {
        this.flush();
        const text = clean(DomUtils.textContent(element));
        if (text) this.blocks.push({ kind: 'heading', level: Number(heading[1]), text });
        continue;
      }
      if (name === 'table') {
        this.flush();
        this.table(element);
        continue;
      }
      if (name === 'img') {
        if (element.attribs.alt?.trim()) this.inline += element.attribs.alt.trim();
        continue;
      }
      const block = BLOCK.has(name);
      if (block) this.flush();
      if (name === 'li') this.inline = '• ';
      this.walk(element.children, pre || name === 'pre');
      if (block) this.flush();
    }
  }

  finish(): DocumentBlock[] {
    this.flush();
    return this.blocks;
  }

  private flush(): void {
    const text = this.inline
      .split('\n')
      .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    this.inline = '';
    if (text && text !== '•') this.blocks.push({ kind: 'paragraph', text });
  }

  private table(table: Element): void {
    const rows = DomUtils.findAll((e) => e.name === 'tr', table.children).filter((tr) => DomUtils.findOne((e) => e.name === 'table', tr.children) === null);
    const cells = rows.map((tr) => tr.children.filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th')));
    if (cells.length === 0) return;
    const first = cells[0]!;
    const parent = rows[0]!.parent;
    const text = (row: Element[]) => row.map((c) => clean(DomUtils.textContent(c)));
    // Word (through mammoth) rarely marks a header row; a first row of short labels above other rows is one.
    const looksLikeLabels = cells.length >= 2 && text(first).every((c) => c.length > 0 && c.length <= 16 && !/^[\d.,%％\s]+$/.test(c));
    const headed = first.length > 0 && (first.every((c) => c.name === 'th') || (parent !== null && isTag(parent) && parent.name === 'thead') || looksLikeLabels);
    const lines = headed ? tableRows(text(first), cells.slice(1).map(text)) : tableRows([], cells.map(text));
    if (lines.length > 0) this.blocks.push({ kind: 'table', rows: lines });
  }
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
