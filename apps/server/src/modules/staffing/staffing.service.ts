import {
  addMonthsIso,
  contractAlertLevel,
  formatFte,
  isKreisCost,
  isoDateInBerlin,
  prorateByFte,
  sumCents,
  type ContractAlert,
  type ContractAlertLevel,
  type CoverageMonth,
  type Occupancy,
  type PayGradeCost,
  type Post,
  type PostFunding,
  type PostType,
} from '@teilhabe/shared';
import { hasPermission } from '../../platform/access/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AuthedContext } from '../../platform/http/context.js';
import { conflict, fieldError, notFound, versionConflict } from '../../platform/http/errors.js';
import { flatRateOn, programmeBasics, programmeTree } from '../funding/programmes.service.js';
import * as repo from './staffing.repository.js';
import { costByFunding, monthlyCost, monthlyFunding, occupiedMonths, overlaps, vacancies, type FundingTerm } from './staffing.policy.js';

type PostListRow = Awaited<ReturnType<typeof repo.listPosts>>[number];

interface LoadedPosts {
  rows: PostListRow[];
  fundings: repo.PostFundingRow[];
  occupancies: repo.OccupancyRow[];
  costs: Map<string, number>;
  programmes: Awaited<ReturnType<typeof programmeTree>>;
}

async function loadPosts(
  ctx: AuthedContext,
  year: number,
  filter: { organisationId?: string; postIds?: string[] } = {},
): Promise<LoadedPosts> {
  const rows = await repo.listPosts(ctx.tx, ctx.actor, filter);
  const ids = rows.map((r) => r.post.id);
  const [fundings, occupancies, costRows, programmes] = await Promise.all([
    repo.listFundings(ctx.tx, ids),
    repo.listOccupancies(ctx.tx, ids),
    repo.listPayGradeCosts(ctx.tx, year),
    programmeTree(ctx.tx),
  ]);
  return { rows, fundings, occupancies, costs: new Map(costRows.map((c) => [c.payGrade, c.annualCostCents])), programmes };
}

function fundingTerm(f: repo.PostFundingRow): FundingTerm {
  return {
    id: f.id,
    programmeId: f.programmeId,
    fteMilli: f.fteMilli,
    flatRatePerFteCents: f.flatRatePerFteCents,
    validFrom: f.validFrom,
    validTo: f.validTo,
  };
}

/** The contract alert of a post: the last contract without a successor, 6 and 3 months ahead or recently ended. */
function postAlert(occupancies: repo.OccupancyRow[], today: string): { level: ContractAlertLevel; occupancy: repo.OccupancyRow } | null {
  const withEnd = occupancies.filter((o) => o.contractEnd !== null);
  for (const o of withEnd.sort((a, b) => b.contractEnd!.localeCompare(a.contractEnd!))) {
    const successor = occupancies.some(
      (x) => x.id !== o.id && x.contractStart > o.contractEnd! && (x.contractEnd === null || x.contractEnd >= today),
    );
    if (successor) continue;
    const level = contractAlertLevel(o.contractEnd, today);
    if (!level) continue;
    if (level === 'ended' && o.contractEnd! < addMonthsIso(today, -3)) continue;
    return { level, occupancy: o };
  }
  return null;
}

function presentPost(ctx: AuthedContext, loaded: LoadedPosts, row: PostListRow, year: number, today: string): Post {
  const p = row.post;
  const fundings = loaded.fundings.filter((f) => f.postId === p.id);
  const occupancies = loaded.occupancies.filter((o) => o.postId === p.id);
  const postType = p.postType as PostType;
  const kreisCost = isKreisCost(postType);
  const payGradeCost = loaded.costs.get(p.payGrade) ?? null;
  const occupied = occupiedMonths(year, occupancies);
  const cost = monthlyCost(year, kreisCost, payGradeCost, occupancies);
  const funding = monthlyFunding(year, fundings.map(fundingTerm), occupied);
  const alert = postAlert(occupancies, today);
  return {
    id: p.id,
    organisation: { id: p.organisationId, name: row.organisationName },
    postNumber: p.postNumber,
    title: p.title,
    postType,
    fteMilli: p.fteMilli,
    payGrade: p.payGrade,
    kreisCost,
    notes: p.notes,
    active: p.active,
    fundings: fundings.map((f): PostFunding => {
      const programme = loaded.programmes.byId.get(f.programmeId);
      return {
        id: f.id,
        programme: { id: f.programmeId, name: programme?.name ?? '–', shortName: programme?.shortName ?? '–' },
        fteMilli: f.fteMilli,
        flatRatePerFteCents: f.flatRatePerFteCents,
        annualFundingCents: prorateByFte(f.flatRatePerFteCents, f.fteMilli),
        validFrom: f.validFrom,
        validTo: f.validTo,
        version: f.version,
      };
    }),
    occupancies: occupancies.map((o): Occupancy => ({
      id: o.id,
      holderName: o.holderName,
      fteMilli: o.fteMilli,
      contractStart: o.contractStart,
      contractEnd: o.contractEnd,
      fixedTerm: o.contractEnd !== null,
      alert: alert?.occupancy.id === o.id ? alert.level : null,
      version: o.version,
    })),
    vacancies: vacancies(occupancies, `${year}-01-01`, `${year}-12-31`),
    figures: {
      year,
      occupiedMonths: occupied.filter(Boolean).length,
      costCents: sumCents(cost),
      fundingCents: sumCents([...funding.values()].flat()),
      payGradeCostKnown: !kreisCost || payGradeCost !== null,
    },
    alert: alert ? { level: alert.level, contractEnd: alert.occupancy.contractEnd!, holderName: alert.occupancy.holderName } : null,
    version: p.version,
    can: { edit: hasPermission(ctx.actor, 'staffing.write') },
  };
}

export async function listPosts(ctx: AuthedContext, filter: { year?: number; organisationId?: string }) {
  const today = isoDateInBerlin();
  const year = filter.year ?? Number(today.slice(0, 4));
  const loaded = await loadPosts(ctx, year, { organisationId: filter.organisationId });
  const items = loaded.rows.map((r) => presentPost(ctx, loaded, r, year, today));
  // Holder names and contract dates are personnel data: reading the Stellenplan is recorded.
  await ctx.audit.record({ action: 'staffing.posts_read', subjectType: 'staffing_post', details: { year, count: items.length } });
  return {
    year,
    items,
    totals: {
      fteMilli: sumCents(items.filter((p) => p.active).map((p) => p.fteMilli)),
      costCents: sumCents(items.map((p) => p.figures.costCents)),
      fundingCents: sumCents(items.map((p) => p.figures.fundingCents)),
    },
  };
}

async function postById(ctx: AuthedContext, id: string, year?: number) {
  const today = isoDateInBerlin();
  const y = year ?? Number(today.slice(0, 4));
  const loaded = await loadPosts(ctx, y, { postIds: [id] });
  const row = loaded.rows[0];
  if (!row) throw notFound('Stelle nicht gefunden.');
  return presentPost(ctx, loaded, row, y, today);
}

export async function getPost(ctx: AuthedContext, id: string, year?: number) {
  const post = await postById(ctx, id, year);
  await ctx.audit.record({ action: 'staffing.post_read', subjectType: 'staffing_post', subjectId: id });
  return post;
}

export async function createPost(
  ctx: AuthedContext,
  input: {
    organisationId: string;
    postNumber: string;
    title: string;
    postType: PostType;
    fteMilli: number;
    payGrade: string;
    notes?: string;
  },
) {
  if (!(await repo.organisationInTenant(ctx.tx, ctx.actor, input.organisationId)))
    throw fieldError('organisationId', 'Diese Organisation gibt es in Ihrem Kreis nicht.');
  if (await repo.postNumberTaken(ctx.tx, input.postNumber))
    throw conflict('Diese Stellennummer ist schon vergeben.', { postNumber: 'Schon vergeben' });
  const row = await repo.insertPost(ctx.tx, { ...input, notes: input.notes ?? '' });
  const post = await postById(ctx, row.id);
  await ctx.audit.record({
    action: 'staffing.post_create',
    subjectType: 'staffing_post',
    subjectId: row.id,
    details: { postType: row.postType, fteMilli: row.fteMilli },
  });
  return post;
}

export async function updatePost(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: {
    organisationId?: string;
    postNumber?: string;
    title?: string;
    postType?: PostType;
    fteMilli?: number;
    payGrade?: string;
    notes?: string;
    active?: boolean;
  },
) {
  const current = await repo.findPost(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Stelle nicht gefunden.');
  if (input.organisationId && !(await repo.organisationInTenant(ctx.tx, ctx.actor, input.organisationId))) {
    throw fieldError('organisationId', 'Diese Organisation gibt es in Ihrem Kreis nicht.');
  }
  if (input.postNumber && (await repo.postNumberTaken(ctx.tx, input.postNumber, id)))
    throw conflict('Diese Stellennummer ist schon vergeben.', { postNumber: 'Schon vergeben' });
  if (input.fteMilli !== undefined) {
    const ids = [id];
    const maxFunded = Math.max(0, ...(await repo.listFundings(ctx.tx, ids)).map((f) => f.fteMilli));
    const maxHeld = Math.max(0, ...(await repo.listOccupancies(ctx.tx, ids)).map((o) => o.fteMilli));
    if (input.fteMilli < Math.max(maxFunded, maxHeld)) {
      throw fieldError(
        'fteMilli',
        `Die Stelle ist mit ${formatFte(Math.max(maxFunded, maxHeld))} VZÄ besetzt oder gefördert; kleiner geht es nicht.`,
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) values[k] = v;
  if (!(await repo.updatePost(ctx.tx, id, version, values))) throw versionConflict();
  const post = await postById(ctx, id);
  await ctx.audit.record({
    action: 'staffing.post_update',
    subjectType: 'staffing_post',
    subjectId: id,
    details: { fields: Object.keys(values) },
  });
  return post;
}

// ── funding assignments ──

async function checkFundingFits(
  ctx: AuthedContext,
  post: repo.PostRow,
  term: { fteMilli: number; validFrom: string; validTo: string | null },
  exceptId?: string,
) {
  if (term.validTo !== null && term.validTo < term.validFrom) throw fieldError('validTo', 'Das Ende liegt vor dem Beginn.');
  if (term.fteMilli > post.fteMilli) throw fieldError('fteMilli', `Die Stelle hat nur ${formatFte(post.fteMilli)} VZÄ.`);
  const others = (await repo.listFundings(ctx.tx, [post.id])).filter(
    (f) => f.id !== exceptId && overlaps(f.validFrom, f.validTo, term.validFrom, term.validTo),
  );
  const funded = sumCents(others.map((f) => f.fteMilli));
  if (funded + term.fteMilli > post.fteMilli) {
    throw fieldError('fteMilli', `In diesem Zeitraum sind schon ${formatFte(funded)} von ${formatFte(post.fteMilli)} VZÄ gefördert.`);
  }
}

export async function addFunding(
  ctx: AuthedContext,
  postId: string,
  input: { programmeId: string; fteMilli: number; flatRatePerFteCents?: number; validFrom: string; validTo?: string | null },
) {
  const current = await repo.findPost(ctx.tx, ctx.actor, postId);
  if (!current) throw notFound('Stelle nicht gefunden.');
  const programme = await programmeBasics(ctx.tx, input.programmeId);
  if (!programme) throw fieldError('programmeId', 'Dieses Förderprogramm gibt es nicht.');
  const flatRate = input.flatRatePerFteCents ?? (await flatRateOn(ctx.tx, programme.id, input.validFrom));
  if (flatRate === null)
    throw fieldError(
      'flatRatePerFteCents',
      `„${programme.shortName}“ hat am ${input.validFrom} keine Pauschale je VZÄ; bitte den Betrag angeben.`,
    );
  const term = { fteMilli: input.fteMilli, validFrom: input.validFrom, validTo: input.validTo ?? null };
  await checkFundingFits(ctx, current.post, term);
  const row = await repo.insertFunding(ctx.tx, { postId, programmeId: programme.id, flatRatePerFteCents: flatRate, ...term });
  const post = await postById(ctx, postId);
  await ctx.audit.record({
    action: 'staffing.funding_add',
    subjectType: 'staffing_post',
    subjectId: postId,
    details: {
      fundingId: row.id,
      programme: programme.code,
      fteMilli: row.fteMilli,
      annualFundingCents: prorateByFte(flatRate, row.fteMilli),
    },
  });
  return post;
}

export async function updateFunding(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { fteMilli?: number; flatRatePerFteCents?: number; validFrom?: string; validTo?: string | null },
) {
  const current = await repo.findFunding(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Förderzuordnung nicht gefunden.');
  const post = (await repo.findPost(ctx.tx, ctx.actor, current.postId))!.post;
  const term = {
    fteMilli: input.fteMilli ?? current.fteMilli,
    validFrom: input.validFrom ?? current.validFrom,
    validTo: input.validTo === undefined ? current.validTo : input.validTo,
  };
  await checkFundingFits(ctx, post, term, id);
  if (
    !(await repo.updateFunding(ctx.tx, id, version, {
      ...term,
      flatRatePerFteCents: input.flatRatePerFteCents ?? current.flatRatePerFteCents,
    }))
  )
    throw versionConflict();
  const result = await postById(ctx, current.postId);
  await ctx.audit.record({
    action: 'staffing.funding_update',
    subjectType: 'staffing_post',
    subjectId: current.postId,
    details: { fundingId: id, fields: Object.keys(input) },
  });
  return result;
}

// ── holders and contracts ──

async function checkOccupancyFits(
  ctx: AuthedContext,
  post: repo.PostRow,
  term: { fteMilli: number; contractStart: string; contractEnd: string | null },
  exceptId?: string,
) {
  if (term.contractEnd !== null && term.contractEnd < term.contractStart)
    throw fieldError('contractEnd', 'Das Vertragsende liegt vor dem Vertragsbeginn.');
  if (term.fteMilli > post.fteMilli) throw fieldError('fteMilli', `Die Stelle hat nur ${formatFte(post.fteMilli)} VZÄ.`);
  const others = (await repo.listOccupancies(ctx.tx, [post.id])).filter(
    (o) => o.id !== exceptId && overlaps(o.contractStart, o.contractEnd, term.contractStart, term.contractEnd),
  );
  const held = sumCents(others.map((o) => o.fteMilli));
  if (held + term.fteMilli > post.fteMilli) {
    throw fieldError('fteMilli', `In diesem Zeitraum sind schon ${formatFte(held)} von ${formatFte(post.fteMilli)} VZÄ besetzt.`);
  }
}

export async function addOccupancy(
  ctx: AuthedContext,
  postId: string,
  input: { holderName: string; fteMilli: number; contractStart: string; contractEnd?: string | null },
) {
  const current = await repo.findPost(ctx.tx, ctx.actor, postId);
  if (!current) throw notFound('Stelle nicht gefunden.');
  const term = { fteMilli: input.fteMilli, contractStart: input.contractStart, contractEnd: input.contractEnd ?? null };
  await checkOccupancyFits(ctx, current.post, term);
  const row = await repo.insertOccupancy(ctx.tx, { postId, holderName: input.holderName, ...term });
  const post = await postById(ctx, postId);
  await ctx.audit.record({
    action: 'staffing.occupancy_add',
    subjectType: 'staffing_post',
    subjectId: postId,
    details: { occupancyId: row.id, fixedTerm: row.contractEnd !== null },
  });
  return post;
}

export async function updateOccupancy(
  ctx: AuthedContext,
  id: string,
  version: number,
  input: { holderName?: string; fteMilli?: number; contractStart?: string; contractEnd?: string | null },
) {
  const current = await repo.findOccupancy(ctx.tx, ctx.actor, id);
  if (!current) throw notFound('Besetzung nicht gefunden.');
  const post = (await repo.findPost(ctx.tx, ctx.actor, current.postId))!.post;
  const term = {
    fteMilli: input.fteMilli ?? current.fteMilli,
    contractStart: input.contractStart ?? current.contractStart,
    contractEnd: input.contractEnd === undefined ? current.contractEnd : input.contractEnd,
  };
  await checkOccupancyFits(ctx, post, term, id);
  if (!(await repo.updateOccupancy(ctx.tx, id, version, { ...term, holderName: input.holderName ?? current.holderName })))
    throw versionConflict();
  const result = await postById(ctx, current.postId);
  await ctx.audit.record({
    action: 'staffing.occupancy_update',
    subjectType: 'staffing_post',
    subjectId: current.postId,
    details: { occupancyId: id, fields: Object.keys(input) },
  });
  return result;
}

// ── pay grade cost table ──

function presentCost(row: repo.PayGradeCostRow): PayGradeCost {
  return { id: row.id, year: row.year, payGrade: row.payGrade, annualCostCents: row.annualCostCents, version: row.version };
}

export async function listPayGradeCosts(ctx: AuthedContext, year?: number) {
  return (await repo.listPayGradeCosts(ctx.tx, year)).map(presentCost);
}

export async function createPayGradeCost(ctx: AuthedContext, input: { year: number; payGrade: string; annualCostCents: number }) {
  const row = await repo.insertPayGradeCost(ctx.tx, input);
  if (!row)
    throw conflict(`Für ${input.payGrade} gibt es ${input.year} schon einen Kostensatz. Bitte diesen ändern.`, {
      payGrade: 'Schon vorhanden',
    });
  await ctx.audit.record({
    action: 'staffing.pay_grade_create',
    subjectType: 'staffing_pay_grade',
    subjectId: row.id,
    details: { year: row.year, payGrade: row.payGrade },
  });
  return presentCost(row);
}

export async function updatePayGradeCost(ctx: AuthedContext, id: string, version: number, annualCostCents: number) {
  if (!(await repo.findPayGradeCost(ctx.tx, id))) throw notFound('Kostensatz nicht gefunden.');
  const row = await repo.updatePayGradeCost(ctx.tx, id, version, annualCostCents);
  if (!row) throw versionConflict();
  await ctx.audit.record({
    action: 'staffing.pay_grade_update',
    subjectType: 'staffing_pay_grade',
    subjectId: id,
    details: { year: row.year, payGrade: row.payGrade },
  });
  return presentCost(row);
}

// ── for the funding module: alerts and coverage ──

export async function contractAlerts(ctx: AuthedContext): Promise<ContractAlert[]> {
  const today = isoDateInBerlin();
  const loaded = await loadPosts(ctx, Number(today.slice(0, 4)));
  const alerts: ContractAlert[] = [];
  for (const row of loaded.rows.filter((r) => r.post.active)) {
    const alert = postAlert(
      loaded.occupancies.filter((o) => o.postId === row.post.id),
      today,
    );
    if (alert) {
      alerts.push({
        postId: row.post.id,
        postNumber: row.post.postNumber,
        postTitle: row.post.title,
        occupancyId: alert.occupancy.id,
        holderName: alert.occupancy.holderName,
        contractEnd: alert.occupancy.contractEnd!,
        level: alert.level,
      });
    }
  }
  return alerts.sort((a, b) => a.contractEnd.localeCompare(b.contractEnd));
}

/** Contract ends of the actor's Kreis between two days (deadlines dashboard). */
export async function contractEnds(ctx: AuthedContext, from: string, to: string) {
  const loaded = await loadPosts(ctx, Number(from.slice(0, 4)));
  return loaded.occupancies
    .filter((o) => o.contractEnd !== null && o.contractEnd >= from && o.contractEnd <= to)
    .map((o) => {
      const post = loaded.rows.find((r) => r.post.id === o.postId)!.post;
      return { postId: post.id, postNumber: post.postNumber, postTitle: post.title, holderName: o.holderName, contractEnd: o.contractEnd! };
    });
}

export interface FundedPersonnel {
  programmeId: string;
  postIds: Set<string>;
  fundedFteMilli: number;
  months: CoverageMonth[];
}

/**
 * Personnel cost and flat-rate funding of funded posts per programme and month of a year. A post funded by several
 * programmes has its cost split by funded FTE. Notes name posts whose pay grade has no cost for the year.
 */
export async function fundedPersonnelByProgramme(
  ctx: AuthedContext,
  year: number,
): Promise<{ programmes: FundedPersonnel[]; notes: string[] }> {
  const loaded = await loadPosts(ctx, year);
  const result = new Map<string, FundedPersonnel>();
  const notes: string[] = [];
  for (const row of loaded.rows) {
    const p = row.post;
    const terms = loaded.fundings.filter((f) => f.postId === p.id).map(fundingTerm);
    if (terms.length === 0) continue;
    const occupancies = loaded.occupancies.filter((o) => o.postId === p.id);
    const kreisCost = isKreisCost(p.postType as PostType);
    const payGradeCost = loaded.costs.get(p.payGrade) ?? null;
    if (kreisCost && payGradeCost === null)
      notes.push(`Stelle ${p.postNumber}: Für ${p.payGrade} fehlt der Kostensatz ${year}; ihre Personalkosten fehlen in der Rechnung.`);
    const occupied = occupiedMonths(year, occupancies);
    const cost = monthlyCost(year, kreisCost, payGradeCost, occupancies);
    const funding = monthlyFunding(year, terms, occupied);
    const costParts = costByFunding(year, cost, terms);
    for (const term of terms) {
      const entry = result.get(term.programmeId) ?? {
        programmeId: term.programmeId,
        postIds: new Set<string>(),
        fundedFteMilli: 0,
        months: Array.from({ length: 12 }, () => ({ costCents: 0, fundingCents: 0 })),
      };
      const fundingMonths = funding.get(term.id)!;
      const costMonths = costParts.get(term.id)!;
      if (fundingMonths.some((v) => v > 0) || costMonths.some((v) => v > 0)) {
        entry.postIds.add(p.id);
        entry.fundedFteMilli += term.fteMilli;
      }
      entry.months.forEach((m, i) => {
        m.costCents += costMonths[i]!;
        m.fundingCents += fundingMonths[i]!;
      });
      result.set(term.programmeId, entry);
    }
  }
  return { programmes: [...result.values()], notes };
}

/** For the reminder job (no request actor): contracts of every Kreis ending between two days. */
export async function unsafeContractsEndingBetween(db: DbOrTx, from: string, to: string) {
  return (await repo.contractsEndingBetween(db, from, to)).map((r) => ({
    occupancyId: r.occupancy.id,
    contractEnd: r.occupancy.contractEnd!,
    postId: r.post.id,
    postNumber: r.post.postNumber,
    postTitle: r.post.title,
    organisationId: r.post.organisationId,
  }));
}
