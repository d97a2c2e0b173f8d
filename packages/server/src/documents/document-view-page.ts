import type { DocumentPassageRow } from './document-schema.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The reading view of a document that is not a PDF, built from its passages (never from the
 * uploaded markup, which is not trusted): its headings, each with the element id a passage's
 * anchor names, so `view#3-2-运费` scrolls to the section; every passage also has `p-<ordinal>`.
 * A passage an admin disabled is shown greyed with a note.
 * @example documentViewPage('售后服务手册', passages) // '<!doctype html>…<h3 id="3-2-运费">3.2 运费</h3>…'
 */
export function documentViewPage(title: string, passages: readonly DocumentPassageRow[]): string {
  const out: string[] = [];
  let path: string[] = [];
  const anchored = new Set<string>();
  for (const passage of passages) {
    const headings = passage.heading_path;
    // Headings that differ from the previous passage's path open here; the innermost carries the anchor.
    let common = 0;
    while (common < path.length && common < headings.length && path[common] === headings[common]) common++;
    headings.slice(common).forEach((heading, i) => {
      const depth = common + i;
      const level = Math.min(6, depth + 2);
      const innermost = depth === headings.length - 1;
      const id = innermost && !anchored.has(passage.anchor) ? passage.anchor : null;
      if (id) anchored.add(id);
      out.push(`<h${level}${id ? ` id="${escape(id)}"` : ''}>${escape(heading)}</h${level}>`);
    });
    if (headings.length === 0 && !anchored.has(passage.anchor)) {
      anchored.add(passage.anchor);
      out.push(`<a id="${escape(passage.anchor)}"></a>`);
    }
    path = headings;
    const paragraphs = passage.text
      .split('\n')
      .map((line) => `<span>${escape(line)}</span>`)
      .join('<br>');
    out.push(`<p id="p-${passage.ordinal}"${passage.enabled ? '' : ' class="disabled" title="已停用：机器人不会引用此段"'}>${paragraphs}</p>`);
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.75;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f2329}
h1{font-size:1.6rem;border-bottom:1px solid #e5e6eb;padding-bottom:.5rem}
h2,h3,h4,h5,h6{margin-top:1.6em}
p{margin:.6em 0}
:target{background:#fff7e6;outline:2px solid #fa8c16;outline-offset:4px;border-radius:2px}
h2:target+p,h3:target+p,h4:target+p,h5:target+p,h6:target+p{background:#fffbe6}
.disabled{color:#86909c}
</style></head>
<body><h1>${escape(title)}</h1>
${out.join('\n')}
</body></html>`;
}
