import type { Organisation, OrganisationKind } from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { AuthedContext, RequestContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import * as repo from './organisations.repository.js';
import type { OrganisationRow } from './organisations.repository.js';
import { gemeindeByAgs } from '../../seed/geo.js';

export function presentOrganisation(row: OrganisationRow, ctx: RequestContext): Organisation {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind as OrganisationKind,
    name: row.name,
    ags: row.ags,
    population: row.population,
    active: row.active,
    version: row.version,
    can: { edit: hasPermission(ctx.actor, 'organisations.manage') },
  };
}

export async function listOrganisations(ctx: AuthedContext, kind?: OrganisationKind) {
  return (await repo.listOrganisations(ctx.tx, { kind })).map((r) => presentOrganisation(r, ctx));
}

export async function getOrganisation(ctx: AuthedContext, id: string) {
  const row = await repo.findOrganisation(ctx.tx, id);
  if (!row) throw notFound('Organisation nicht gefunden.');
  return presentOrganisation(row, ctx);
}

export async function createOrganisation(
  ctx: AuthedContext,
  input: { parentId: string; kind: OrganisationKind; name: string; ags?: string },
) {
  const parent = await repo.findOrganisation(ctx.tx, input.parentId);
  if (!parent) throw fieldError('parentId', 'Die übergeordnete Organisation gibt es nicht.');
  if (input.kind === 'kreis') throw fieldError('kind', 'Der Kreis ist die Wurzel und kann nicht ein zweites Mal angelegt werden.');
  let population: number | null = null;
  if (input.ags) {
    // Kommunen carry their real AGS; population comes from the official statistics, never from the form.
    const gemeinde = gemeindeByAgs(input.ags);
    if (!gemeinde) throw fieldError('ags', 'Diesen Gemeindeschlüssel gibt es in NRW nicht.');
    population = input.kind === 'kommune' ? gemeinde.population : null;
  } else if (input.kind === 'kommune') {
    throw fieldError('ags', 'Für eine Kommune ist der Amtliche Gemeindeschlüssel Pflicht.');
  }
  const row = await repo.insertOrganisation(ctx.tx, { parentId: parent.id, kind: input.kind, name: input.name, ags: input.ags ?? null, population });
  await ctx.audit.record({ action: 'organisations.create', subjectType: 'organisation', subjectId: row.id, details: { kind: row.kind, parentId: parent.id } });
  return presentOrganisation(row, ctx);
}

export async function updateOrganisation(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { name?: string; parentId?: string; active?: boolean },
) {
  const current = await repo.findOrganisation(ctx.tx, id);
  if (!current) throw notFound('Organisation nicht gefunden.');
  if (input.parentId !== undefined) {
    if (current.kind === 'kreis') throw fieldError('parentId', 'Der Kreis hat keine übergeordnete Organisation.');
    if (!(await repo.findOrganisation(ctx.tx, input.parentId))) throw fieldError('parentId', 'Die übergeordnete Organisation gibt es nicht.');
    if (await repo.isInSubtree(ctx.tx, id, input.parentId)) throw conflict('Eine Organisation kann nicht unter sich selbst eingeordnet werden.', { parentId: 'Zyklus' });
  }
  if (input.active === false && current.kind === 'kreis') throw conflict('Der Kreis kann nicht deaktiviert werden.');
  const row = await repo.updateOrganisation(ctx.tx, id, version, input);
  if (!row) throw versionConflict();
  await ctx.audit.record({ action: 'organisations.update', subjectType: 'organisation', subjectId: id, details: { fields: Object.keys(input) } });
  return presentOrganisation(row, ctx);
}
