import { sql } from 'drizzle-orm';
import type { OrganisationKind, Role } from '@teilhabe/shared';
import type { DbOrTx } from '../platform/db/client.js';
import { memberships, organisations, users } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { gemeindenOfKreis, kreisName } from './geo.js';

/** Test and demo data are built by the same factories, so the demo shows what the tests prove. */
export async function makeOrganisation(
  db: DbOrTx,
  values: { name: string; kind: OrganisationKind; parentId?: string | null; ags?: string | null; population?: number | null },
) {
  const [row] = await db
    .insert(organisations)
    .values({ parentId: values.parentId ?? null, kind: values.kind, name: values.name, ags: values.ags ?? null, population: values.population ?? null })
    .returning();
  return row!;
}

const hashCache = new Map<string, Promise<string>>();

export async function makeUser(
  db: DbOrTx,
  values: {
    email: string;
    displayName: string;
    password?: string | null;
    memberships: { organisationId: string; role: Role }[];
    totpSecret?: string;
    active?: boolean;
  },
) {
  let passwordHash: string | null = null;
  if (values.password) {
    if (!hashCache.has(values.password)) hashCache.set(values.password, hashPassword(values.password));
    passwordHash = await hashCache.get(values.password)!;
  }
  const [user] = await db
    .insert(users)
    .values({
      email: values.email,
      displayName: values.displayName,
      passwordHash,
      passwordChangedAt: passwordHash ? sql`now()` : null,
      totpSecret: values.totpSecret ?? null,
      totpEnabled: !!values.totpSecret,
      active: values.active ?? true,
    })
    .returning();
  if (values.memberships.length) await db.insert(memberships).values(values.memberships.map((m) => ({ userId: user!.id, ...m })));
  return user!;
}

export interface KreisTree {
  kreis: { id: string; name: string };
  kommunen: { id: string; name: string; ags: string; population: number }[];
  ki: { id: string };
  orgs: Record<string, { id: string; name: string }>;
}

/** The Kreis with all its real Kommunen (AGS and Zensus-2022 population) and a small set of offices and partners. */
export async function makeKreis(db: DbOrTx, kreisAgs = '05382'): Promise<KreisTree> {
  const gemeinden = gemeindenOfKreis(kreisAgs);
  const kreis = await makeOrganisation(db, {
    name: kreisName(kreisAgs),
    kind: 'kreis',
    ags: kreisAgs,
    population: gemeinden.reduce((s, g) => s + g.population, 0),
  });
  const kommunen: KreisTree['kommunen'] = [];
  for (const g of gemeinden) {
    const label = g.bez.startsWith('Stadt') ? `Stadt ${g.name}` : `Gemeinde ${g.name}`;
    const row = await makeOrganisation(db, { name: label, kind: 'kommune', parentId: kreis.id, ags: g.ags, population: g.population });
    kommunen.push({ id: row.id, name: row.name, ags: g.ags, population: g.population });
  }
  const ki = await makeOrganisation(db, { name: 'Kommunales Integrationszentrum', kind: 'amt', parentId: kreis.id });
  const byName = (n: string) => kommunen.find((k) => k.name.endsWith(n))!;
  const orgs: KreisTree['orgs'] = {};
  const add = async (key: string, name: string, kind: OrganisationKind, parentId: string) => {
    const row = await makeOrganisation(db, { name, kind, parentId });
    orgs[key] = { id: row.id, name: row.name };
  };
  await add('kimTroisdorf', 'KIM Case Management Troisdorf', 'team', byName('Troisdorf').id);
  await add('kimSiegburg', 'KIM Case Management Siegburg', 'team', byName('Siegburg').id);
  await add('kimKreis', 'KIM-Koordination (Baustein 1)', 'team', ki.id);
  await add('sprachmittlerpool', 'Sprachmittlerpool', 'team', ki.id);
  await add('jobcenter', 'Jobcenter Rhein-Sieg', 'jobcenter', kreis.id);
  await add('abh', 'Ausländerbehörde des Kreises', 'auslaenderbehoerde', kreis.id);
  await add('jugendamt', 'Jugendamt des Kreises', 'jugendamt', kreis.id);
  await add('sozialamt', 'Sozialamt des Kreises', 'sozialamt', kreis.id);
  await add('traeger', 'Beratungsverbund Sieg e. V.', 'wohlfahrtsverband', kreis.id);
  await add('schule', 'Gesamtschule am Rhein (Demo)', 'schule', byName('Troisdorf').id);
  return { kreis: { id: kreis.id, name: kreis.name }, kommunen, ki: { id: ki.id }, orgs };
}
