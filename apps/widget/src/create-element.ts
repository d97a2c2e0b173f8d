type Child = Node | string | null | undefined | false;

/**
 * Builds an element with attributes and children. Strings become text nodes, never markup,
 * which is what keeps visitor and agent text from being interpreted as HTML.
 *
 * @example createElement('button', { class: 'zd-send', 'aria-label': '发送' }, createIcon('send'))
 */
export function createElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
