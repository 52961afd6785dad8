import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { Organisation } from '@teilhabe/shared';
import { api } from '../../api/client';

export const organisationsQueryKey = ['organisations'] as const;

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: organisationsQueryKey,
    queryFn: () => api.get('/organisations', z.array(Organisation)),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export interface OrganisationNode {
  organisation: Organisation;
  children: OrganisationNode[];
}

/**
 * The flat list as a tree (Kreis → Kommunen → Träger/Ämter/Teams). Siblings: Kommunen first, then by name; an
 * organisation whose parent is missing from the list becomes a root so nothing disappears.
 */
export function buildOrganisationTree(organisations: readonly Organisation[], collator = new Intl.Collator('de')): OrganisationNode[] {
  const nodes = new Map<string, OrganisationNode>();
  for (const organisation of organisations) nodes.set(organisation.id, { organisation, children: [] });
  const roots: OrganisationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.organisation.parentId ? nodes.get(node.organisation.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const order = (a: OrganisationNode, b: OrganisationNode) => {
    const rank = (n: OrganisationNode) => (n.organisation.kind === 'kreis' ? 0 : n.organisation.kind === 'kommune' ? 1 : 2);
    return rank(a) - rank(b) || collator.compare(a.organisation.name, b.organisation.name);
  };
  const sort = (list: OrganisationNode[]) => {
    list.sort(order);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Depth-first order with the depth of each organisation, e.g. for indented select options. */
export function flattenTree(nodes: readonly OrganisationNode[], depth = 0): { organisation: Organisation; depth: number }[] {
  return nodes.flatMap((node) => [{ organisation: node.organisation, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** The ids of an organisation and everything below it (it cannot be moved under any of them). */
export function subtreeIds(node: OrganisationNode): Set<string> {
  const ids = new Set<string>([node.organisation.id]);
  for (const child of node.children) for (const id of subtreeIds(child)) ids.add(id);
  return ids;
}
