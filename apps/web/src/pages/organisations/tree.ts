import {
  kindMayHang,
  normaliseText,
  ORGANISATION_KINDS,
  type OrganisationDetail,
  type OrganisationKind,
} from '@jingsai/contracts';

export interface TreeNode {
  node: OrganisationDetail;
  children: TreeNode[];
}

/** Province → city → county → enterprise, by parentId; orphans (parent not visible) are roots. */
export function buildTree(nodes: readonly OrganisationDetail[]): TreeNode[] {
  const byId = new Map(nodes.map((node) => [node.id, { node, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const entry of byId.values()) {
    const parent = entry.node.parentId ? byId.get(entry.node.parentId) : undefined;
    (parent ? parent.children : roots).push(entry);
  }
  const order = (a: TreeNode, b: TreeNode) =>
    ORGANISATION_KINDS.indexOf(a.node.kind) - ORGANISATION_KINDS.indexOf(b.node.kind) ||
    a.node.name.localeCompare(b.node.name, 'zh-CN');
  const sort = (entries: TreeNode[]): TreeNode[] => {
    entries.sort(order);
    for (const entry of entries) sort(entry.children);
    return entries;
  };
  return sort(roots);
}

const searchKey = (text: string): string => normaliseText(text).replace(/\s/g, '').toLowerCase();

/**
 * The tree cut down to the nodes whose name, credit code, region or industry contains the query,
 * with their ancestors kept so each match is seen in place. An empty query keeps everything.
 */
export function filterTree(roots: readonly TreeNode[], query: string): TreeNode[] {
  const key = searchKey(query);
  if (key === '') return [...roots];
  const matches = (node: OrganisationDetail): boolean =>
    [node.name, node.creditCode ?? '', node.region ?? '', node.industry ?? ''].some((text) =>
      searchKey(text).includes(key),
    );
  const keep = (entry: TreeNode): TreeNode | null => {
    const children = entry.children.flatMap((child) => keep(child) ?? []);
    return matches(entry.node) || children.length > 0 ? { node: entry.node, children } : null;
  };
  return roots.flatMap((root) => keep(root) ?? []);
}

/** Kinds that may be created directly under `parent` (null: at the top). */
export function kindsUnder(parent: OrganisationKind | null): OrganisationKind[] {
  return ORGANISATION_KINDS.filter((kind) => kindMayHang(kind, parent));
}

/** Every id in a subtree, the root included: where a node may not be moved. */
export function subtreeIds(nodes: readonly OrganisationDetail[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of nodes) {
      if (node.parentId && ids.has(node.parentId) && !ids.has(node.id)) {
        ids.add(node.id);
        grew = true;
      }
    }
  }
  return ids;
}
