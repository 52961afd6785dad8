import { sql } from 'drizzle-orm';
import { ROLE_LABELS_DE, type Role } from '@teilhabe/shared';
import type { Db } from '../platform/db/client.js';
import { recordAudit } from '../platform/audit/audit.js';
import { makeKreis, makeUser, type KreisTree } from './factories.js';
import { seedDirectoryDemo } from './directory-demo.js';
import { seedStaffingDemo } from '../modules/staffing/staffing.seed.js';
import { seedFundingDemo } from '../modules/funding/funding.seed.js';
import { seedInterpreterDemo } from '../modules/interpreters/interpreters.seed.js';
import { seedKimDemo } from '../modules/cases/kim.seed.js';

export const DEMO_DOMAIN = 'teilhabe.example';
export const demoEmail = (role: Role) => `${role}@${DEMO_DOMAIN}`;

/** Fictional people; the Kreis and its Kommunen are the real Rhein-Sieg-Kreis. */
const DEMO_USERS: { role: Role; name: string; org: (t: KreisTree) => string }[] = [
  { role: 'admin', name: 'Jana Adler', org: (t) => t.kreis.id },
  { role: 'lead', name: 'Dr. Miriam Lorenz', org: (t) => t.ki.id },
  { role: 'case_manager', name: 'Kemal Aydın', org: (t) => t.orgs.kimTroisdorf!.id },
  { role: 'coordinator', name: 'Sophie Brandt', org: (t) => t.orgs.kimKreis!.id },
  { role: 'finance', name: 'Thomas Berger', org: (t) => t.ki.id },
  { role: 'interpreter_coordinator', name: 'Olena Kravets', org: (t) => t.orgs.sprachmittlerpool!.id },
  { role: 'interpreter', name: 'Samir Haddad', org: (t) => t.orgs.sprachmittlerpool!.id },
  { role: 'partner', name: 'Petra Neumann', org: (t) => t.orgs.jobcenter!.id },
  { role: 'municipality', name: 'Lukas Hoffmann', org: (t) => t.kommunen.find((k) => k.name.endsWith('Troisdorf'))!.id },
];

/** A later module adds its demo data by appending a seeder here; each gets the tree built above. */
export type DemoSeeder = (db: Db, tree: KreisTree) => Promise<void>;
export const demoSeeders: { name: string; seed: DemoSeeder }[] = [
  { name: 'staffing', seed: seedStaffingDemo },
  { name: 'funding', seed: seedFundingDemo },
  { name: 'interpreters', seed: seedInterpreterDemo },
  { name: 'directory', seed: seedDirectoryDemo },
  { name: 'kim', seed: seedKimDemo },
];

export async function isSeeded(db: Db): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM organisations`);
  return (result.rows[0]?.n ?? 0) > 0;
}

export async function seedDemo(db: Db, password: string): Promise<KreisTree> {
  return db.transaction(async (tx) => {
    const tree = await makeKreis(tx);
    for (const u of DEMO_USERS) {
      await makeUser(tx, { email: demoEmail(u.role), displayName: u.name, password, memberships: [{ organisationId: u.org(tree), role: u.role }] });
    }
    for (const seeder of demoSeeders) await seeder.seed(tx as unknown as Db, tree);
    await recordAudit(tx, { actor: null }, { action: 'system.demo_seeded', details: { kreis: tree.kreis.name, users: DEMO_USERS.length } });
    return tree;
  });
}

export function demoLoginLines(password: string): string[] {
  return DEMO_USERS.map((u) => `  ${demoEmail(u.role).padEnd(42)} ${ROLE_LABELS_DE[u.role]}`).concat([
    `  Passwort für alle: ${password}`,
    '  (admin und lead richten beim ersten Anmelden die Zwei-Faktor-Anmeldung ein – Pflicht für diese Rollen)',
  ]);
}
