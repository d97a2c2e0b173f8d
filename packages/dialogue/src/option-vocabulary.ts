import { toPlainText } from './plain-text.js';

/** The part of a tenant's knowledge graph the dialogue reads: the names customers use for each thing. */
export type KnowledgeGraphNames = { nodes: readonly { name: string; aliases?: readonly string[] }[] };

/**
 * The words that stand for an option: its label and synonyms, plus the names of the knowledge-graph nodes that
 * share one of those words with this option alone — "户籍业务" (户口) also answers to the node "户口迁移" and its
 * aliases "迁户口", "落户". A node that shares words with two options of the same question says nothing about either.
 * @example new OptionVocabulary(graph).termsFor([{ label: '户籍业务', synonyms: ['户口'] }, …])[0] // ['户籍业务', '户口', '户口迁移', '迁户口', '落户']
 */
export class OptionVocabulary {
  private readonly nodes: string[][];

  constructor(graph?: KnowledgeGraphNames) {
    this.nodes = (graph?.nodes ?? []).map((n) => [n.name, ...(n.aliases ?? [])].map(toPlainText).filter((w) => w.length >= 2));
  }

  termsFor(options: readonly { label: string; synonyms: readonly string[] }[]): string[][] {
    const own = options.map((o) => unique([o.label, ...o.synonyms].map(toPlainText).filter((w) => w !== '')));
    const linked = this.nodes.map((names) => own.flatMap((terms, i) => (terms.some((t) => t.length >= 2 && names.some((n) => n.includes(t) || t.includes(n))) ? [i] : [])));
    return own.map((terms, i) => unique([...terms, ...this.nodes.flatMap((names, k) => (linked[k]?.length === 1 && linked[k]?.[0] === i ? names : []))]));
  }
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}
