import type { Exact } from '../exact/exact';
import type { Entry } from '../marks/marks.schema';
import type { EntrySheet } from '../marks/score-sheet';
import type { CompiledRubric } from '../rubric/compiled-rubric';
import { evaluateTree } from './evaluate';
import { TotalsPlan } from './fast-totals';
import {
  type EntryResult,
  figuresOf,
  type NodeFigures,
  type NodeResult,
  type NodeStatus,
} from './results';

/**
 * An entry's result that keeps what ranking reads (the total, its status and the nodes the
 * ranking rule names) and rebuilds the full tree of figures only when it is read. Scoring an
 * event of thousands of entries then keeps thousands of objects, not hundreds of thousands;
 * a scoreboard reads totals, and the tree of one entry is rebuilt when its details are opened.
 * Rebuilding runs the same evaluation on the same marks, so the tree is identical.
 */
export class ScoredEntry implements EntryResult {
  readonly entry: Entry;
  readonly total: Exact | null;
  readonly status: NodeStatus;
  private tree: NodeResult | undefined;
  /** the figures of the nodes the ranking rule names, in the order of `rankedNodes` */
  private readonly kept: readonly (NodeFigures | undefined)[];

  constructor(
    private readonly compiled: CompiledRubric,
    private readonly sheet: EntrySheet,
    keepTree = false,
  ) {
    this.entry = sheet.entry;
    // The totals-only pass when it can answer (the same figures, no tree); otherwise the tree.
    const quick = keepTree ? undefined : TotalsPlan.for(compiled)?.evaluate(sheet);
    if (quick) {
      this.total = quick.total;
      this.status = 'complete';
      this.kept = quick.kept;
      return;
    }
    const tree = evaluateTree(compiled, sheet);
    this.total = tree.value;
    this.status = tree.status;
    this.tree = keepTree ? tree : undefined;
    const ranked = compiled.rankedNodes;
    const kept = new Array<NodeFigures | undefined>(ranked.length);
    for (let i = 0; i < ranked.length; i++) {
      const node = findNode(compiled, tree, ranked[i] as string);
      kept[i] = node && figuresOf(node);
    }
    this.kept = kept;
  }

  get result(): NodeResult {
    this.tree ??= evaluateTree(this.compiled, this.sheet);
    return this.tree;
  }

  node(id: string): NodeResult | undefined {
    return findNode(this.compiled, this.result, id);
  }

  figures(id: string): NodeFigures | undefined {
    const at = this.compiled.rankedNodes.indexOf(id);
    const kept = at < 0 ? undefined : this.kept[at];
    if (kept) return kept;
    const node = this.node(id);
    return node && figuresOf(node);
  }

  toJSON(): { entry: Entry; total: Exact | null; status: NodeStatus; result: NodeResult } {
    return { entry: this.entry, total: this.total, status: this.status, result: this.result };
  }
}

/** A node's result, found by following the node's path from the total. */
function findNode(compiled: CompiledRubric, root: NodeResult, id: string): NodeResult | undefined {
  const path = compiled.childPaths.get(id);
  if (!path) return undefined;
  let current: NodeResult | undefined = root;
  for (const index of path) current = current?.children?.[index];
  return current;
}
