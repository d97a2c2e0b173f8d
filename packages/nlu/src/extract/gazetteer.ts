import type { Entity } from './entity.js';
import { foldText } from './fold-text.js';
import type { KnowledgeGraph, KnowledgeGraphNode } from './knowledge-graph.js';
import { isWholeWord, PhraseMatcher } from './phrase-matcher.js';

// Single characters (米, 包) collide with ordinary words far too often to be names.
const MIN_NAME_LENGTH = 2;
const WHITESPACE = /\s/;

/**
 * A longest-match dictionary over the names and aliases of a knowledge graph, plus navigation over
 * its edges, so the dialogue layer can go from "iPhone 15 能退吗" to the product node and on to the
 * return policy of its category.
 */
export class Gazetteer {
  private readonly names = new PhraseMatcher<string>();
  private readonly nodes = new Map<string, KnowledgeGraphNode>();
  private readonly outgoing = new Map<string, Map<string, string[]>>();
  private readonly incoming = new Map<string, Map<string, string[]>>();

  private constructor(graph: KnowledgeGraph) {
    for (const node of graph.nodes) {
      this.nodes.set(node.id, node);
      for (const name of [node.name, ...(node.aliases ?? [])]) {
        const key = foldText(name, { lowerAscii: true }).replace(/\s+/g, '');
        if (key.length >= MIN_NAME_LENGTH) this.names.add(key, node.id);
      }
    }
    for (const edge of graph.edges) {
      if (!this.nodes.has(edge.from) || !this.nodes.has(edge.to)) continue;
      addEdge(this.outgoing, edge.from, edge.rel, edge.to);
      addEdge(this.incoming, edge.to, edge.rel, edge.from);
    }
  }

  /**
   * Builds the dictionary from a knowledge graph; edges to unknown nodes are ignored.
   *
   * @example Gazetteer.fromGraph({ nodes: [{ id: 'p1', type: 'product', name: 'iPhone 15', aliases: ['苹果15'] }], edges: [] })
   */
  static fromGraph(graph: KnowledgeGraph): Gazetteer {
    return new Gazetteer(graph);
  }

  /**
   * Finds node mentions, leftmost-longest and non-overlapping, matching case- and width-insensitively.
   * A name that belongs to several nodes yields one entity with lower confidence and all ids in
   * `normalized.candidates`. Latin names only match as whole words ("pro" is not found in "product").
   *
   * @example gazetteer.find('我想退苹果15手机壳') // → [{ type: 'product', value: 'p1', text: '苹果15', … }]
   */
  find(text: string): Entity[] {
    // Spaces are skipped on both sides, so "iPhone15" finds "iPhone 15" and the other way round;
    // `origin` maps each compacted position back to the text as given.
    const folded = foldText(text, { lowerAscii: true });
    let compact = '';
    const origin: number[] = [];
    for (let i = 0; i < folded.length; i++) {
      if (WHITESPACE.test(folded[i] ?? '')) continue;
      compact += folded[i];
      origin.push(i);
    }
    const out: Entity[] = [];
    // Word edges are judged in the text as written: "buy pro max" has a whole-word "pro", "product" does not.
    const accept = (from: number, to: number): boolean => isWholeWord(folded, origin[from] ?? 0, (origin[to - 1] ?? 0) + 1);
    for (const m of this.names.findAll(compact, accept)) {
      const id = m.values[0];
      const target = id === undefined ? undefined : this.nodes.get(id);
      const start = origin[m.start];
      const last = origin[m.end - 1];
      if (!target || start === undefined || last === undefined) continue;
      const ambiguous = m.values.length > 1;
      out.push({
        type: target.type,
        value: target.id,
        text: text.slice(start, last + 1),
        start,
        end: last + 1,
        normalized: ambiguous ? { name: target.name, candidates: [...m.values] } : { name: target.name },
        confidence: ambiguous ? 0.6 : 0.95,
      });
    }
    return out;
  }

  /** The node with this id, if any. */
  node(id: string): KnowledgeGraphNode | undefined {
    return this.nodes.get(id);
  }

  /**
   * Nodes reached from `id` over edges labelled `rel`.
   *
   * @example gazetteer.related('iphone15', 'in_category') // → [{ id: 'phones', type: 'category', … }]
   */
  related(id: string, rel: string): KnowledgeGraphNode[] {
    return this.resolve(this.outgoing.get(id)?.get(rel));
  }

  /** Nodes with an edge labelled `rel` pointing at `id` (e.g. the products in a category). */
  relatedFrom(id: string, rel: string): KnowledgeGraphNode[] {
    return this.resolve(this.incoming.get(id)?.get(rel));
  }

  /**
   * Follows a chain of relations, e.g. `follow('iphone15', ['in_category', 'return_policy'])`.
   */
  follow(id: string, rels: readonly string[]): KnowledgeGraphNode[] {
    let frontier = [id];
    for (const rel of rels) {
      const next = new Set<string>();
      for (const from of frontier) for (const to of this.outgoing.get(from)?.get(rel) ?? []) next.add(to);
      frontier = [...next];
    }
    return this.resolve(frontier);
  }

  /**
   * The nearest `rel` target, looking at the node itself first and then up its `via` chain, so a
   * product-specific return policy overrides its category's.
   *
   * @example gazetteer.inherited('iphone15', 'return_policy', 'in_category') // → [{ id: 'policy_7day', … }]
   */
  inherited(id: string, rel: string, via: string): KnowledgeGraphNode[] {
    const seen = new Set<string>([id]);
    let frontier = [id];
    while (frontier.length > 0) {
      const found = this.resolve(frontier.flatMap((n) => this.outgoing.get(n)?.get(rel) ?? []));
      if (found.length > 0) return found;
      const next: string[] = [];
      for (const n of frontier) {
        for (const parent of this.outgoing.get(n)?.get(via) ?? []) {
          if (!seen.has(parent)) {
            seen.add(parent);
            next.push(parent);
          }
        }
      }
      frontier = next;
    }
    return [];
  }

  private resolve(ids: readonly string[] | undefined): KnowledgeGraphNode[] {
    const out: KnowledgeGraphNode[] = [];
    for (const id of new Set(ids ?? [])) {
      const node = this.nodes.get(id);
      if (node) out.push(node);
    }
    return out;
  }
}

function addEdge(index: Map<string, Map<string, string[]>>, from: string, rel: string, to: string): void {
  let byRel = index.get(from);
  if (!byRel) {
    byRel = new Map();
    index.set(from, byRel);
  }
  const list = byRel.get(rel);
  if (!list) byRel.set(rel, [to]);
  else if (!list.includes(to)) list.push(to);
}
