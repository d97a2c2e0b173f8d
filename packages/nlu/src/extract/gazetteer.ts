import type { Entity } from './entity.js';
import type { KnowledgeGraph, KnowledgeGraphNode } from './knowledge-graph.js';

/** Longest-match dictionary over knowledge-graph names and aliases. */
export class Gazetteer {
  private constructor(private readonly graph: KnowledgeGraph) {}

  /** Builds a gazetteer from a knowledge graph. */
  static fromGraph(graph: KnowledgeGraph): Gazetteer {
    return new Gazetteer(graph);
  }

  /** Finds knowledge-graph mentions in `text`. */
  find(_text: string): Entity[] {
    return [];
  }

  /** The node with this id, if any. */
  node(id: string): KnowledgeGraphNode | undefined {
    return this.graph.nodes.find((n) => n.id === id);
  }

  /** Nodes reached from `id` over edges labelled `rel`. */
  related(_id: string, _rel: string): KnowledgeGraphNode[] {
    return [];
  }
}
