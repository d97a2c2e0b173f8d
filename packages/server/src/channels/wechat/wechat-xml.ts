import { Parser } from 'htmlparser2';

export class WechatXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatXmlError';
  }
}

/**
 * Reads a WeChat callback body: one `<xml>` root of flat elements (text or CDATA).
 * A safe parse: no DTD, no entities beyond XML's five, no nesting beyond what
 * WeChat sends (nested elements such as 小程序 card fields are ignored).
 * @example parseWechatXml('<xml><MsgType><![CDATA[text]]></MsgType></xml>') // { MsgType: 'text' }
 */
export function parseWechatXml(xml: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const stack: string[] = [];
  let text = '';
  let root = false;
  let refused: string | null = null;
  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        // `<?xml …?>` is harmless; a DOCTYPE (where entity attacks live) is refused outright.
        if (name.toLowerCase().startsWith('!doctype') || name.startsWith('!')) refused = 'DTDs are not accepted';
      },
      onopentag(name) {
        if (stack.length === 0) {
          if (name !== 'xml' || root) refused = 'the root element must be <xml>';
          root = true;
        }
        stack.push(name);
        text = '';
      },
      ontext(chunk) {
        text += chunk;
      },
      onclosetag(name) {
        if (stack.length === 2 && !(name in fields)) fields[name] = text;
        stack.pop();
        text = '';
      },
    },
    { xmlMode: true, recognizeCDATA: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (refused) throw new WechatXmlError(refused);
  if (!root) throw new WechatXmlError('no <xml> element');
  return fields;
}

/** Escapes text for a CDATA section (the only place `]]>` cannot appear). */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
