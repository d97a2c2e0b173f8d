import { loadTemplate, templateIds, type KnowledgeGraph } from '@zhida/templates';

/**
 * Synonym groups for passage retrieval from templates' knowledge graphs: each node's name with its aliases
 * ("智利车厘子2kg", "车厘子", "樱桃"), and with `categories` also the names of the categories a product belongs to, so
 * a customer's "车厘子" finds the manual's section on 生鲜.
 * @example knowledgeGraphSynonyms([graph]) // [['智利车厘子2kg', '车厘子', '樱桃'], …]
 */
export function knowledgeGraphSynonyms(graphs: readonly KnowledgeGraph[], options: { categories: boolean } = { categories: false }): string[][] {
  const groups: string[][] = [];
  for (const graph of graphs) {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const namesOf = (id: string) => {
      const node = byId.get(id);
      return node ? [node.name, ...(node.aliases ?? [])] : [];
    };
    for (const node of graph.nodes) {
      const group = namesOf(node.id);
      if (options.categories && node.type === 'product') {
        for (const edge of graph.edges) if (edge.from === node.id && edge.rel === 'belongs_to') group.push(...namesOf(edge.to));
      }
      const unique = [...new Set(group.map((w) => w.trim()).filter((w) => w.length >= 2))];
      if (unique.length > 1) groups.push(unique);
    }
  }
  return groups;
}

let everyTemplate: Promise<string[][]> | null = null;

/** The node synonyms of every template's knowledge graph, read once per process (the templates are files of the release). */
export function allTemplateGraphSynonyms(): Promise<string[][]> {
  everyTemplate ??= Promise.all(templateIds.map((id) => loadTemplate(id))).then((templates) => knowledgeGraphSynonyms(templates.map((t) => t.knowledgeGraph)));
  return everyTemplate;
}
