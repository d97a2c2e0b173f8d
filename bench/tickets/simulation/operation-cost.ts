/**
 * What each kind of product operation costs in the simulated month: how many calls, the SQL
 * statements each issued (counted by a Kysely plugin on the database the product's objects were
 * built on; BEGIN/COMMIT are not statements here), and wall milliseconds. Statements per call do not
 * depend on the machine's load; wall time does (it includes waiting for a core), so the results
 * file reports it with the load average.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

interface Tally {
  calls: number;
  /** What the calls were about (scheduler claims, sweep assignments…), when they count something. */
  items: number;
  /** Statements of the calls that handled at least one item (an empty poll is one cheap read). */
  itemStatements: number;
  statements: number;
  wallMs: number;
}

export class OperationCost {
  private readonly scope = new AsyncLocalStorage<{ statements: number }>();
  private readonly tallies = new Map<string, Tally>();

  /** Counts every statement executed through a Kysely instance made with `db.withPlugin(cost.plugin)`. */
  readonly plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
      const open = this.scope.getStore();
      if (open) open.statements++;
      return args.result;
    },
  };

  /** Runs `fn` as one call of `kind`; `items` tells how many things the call handled (from its result). */
  async measure<T>(kind: string, fn: () => Promise<T>, items?: (result: T) => number): Promise<T> {
    const open = { statements: 0 };
    const started = performance.now();
    let result: T | undefined;
    try {
      result = await this.scope.run(open, fn);
      return result;
    } finally {
      const tally = this.tallies.get(kind) ?? { calls: 0, items: 0, itemStatements: 0, statements: 0, wallMs: 0 };
      const handled = result !== undefined && items ? items(result) : 0;
      tally.calls++;
      tally.items += handled;
      if (handled > 0) tally.itemStatements += open.statements;
      tally.statements += open.statements;
      tally.wallMs += performance.now() - started;
      this.tallies.set(kind, tally);
    }
  }

  /** Markdown rows: kind, calls, statements per call (and per item), wall ms per call. */
  rows(): string[] {
    return [...this.tallies.entries()].map(([kind, t]) => {
      const perItem = t.items > 0 ? ` (${(t.itemStatements / t.items).toFixed(1)} per ${kind.startsWith('SlaScheduler') ? 'ticket claimed' : 'assignment'} in the calls that had any; ${t.items.toLocaleString('en')} in all)` : '';
      return `| ${kind} | ${t.calls.toLocaleString('en')} | ${(t.statements / t.calls).toFixed(1)}${perItem} | ${(t.wallMs / t.calls).toFixed(1)} | ${(t.wallMs / 1000).toFixed(0)} |`;
    });
  }
}
