import { DEFAULT_INTERPRETER_POOL_SETTINGS, type InterpreterLanguageLevel } from '@teilhabe/shared';
import { addWorkdays, berlinToday, berlinWallTimeToInstant, earliestAppointmentDate, isoWeekday } from '@teilhabe/shared/interpreters/workdays';
import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './interpreters.repository.js';

/** Test and demo data for the pool, built through the repository like everything else. */

export const TROISDORF_AGS = '05382068';
export const SIEGBURG_AGS = '05382056';

const WEEKDAYS_8_TO_18 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '18:00' }));

export async function makeInterpreter(
  db: DbOrTx,
  over: Partial<repo.InterpreterInsert> & { languages?: { code: string; dialects?: string[]; level?: InterpreterLanguageLevel }[] } = {},
) {
  const { languages, ...values } = over;
  const row = await repo.insertInterpreter(db, {
    firstName: 'Amal',
    lastName: 'Beispiel',
    email: 'amal.beispiel@example.org',
    phone: '0228 123456',
    homeAgs: TROISDORF_AGS,
    gender: 'female',
    basicTrainingOn: '2024-02-10',
    advancedTrainingOn: null,
    confidentialitySignedOn: '2024-02-10',
    availability: WEEKDAYS_8_TO_18,
    absences: [],
    servedAgs: [],
    maxTravelKm: 25,
    remoteOk: true,
    active: true,
    iban: 'DE89370400440532013000',
    accountHolder: null,
    ...values,
  });
  await repo.replaceLanguages(
    db,
    row.id,
    (languages ?? [{ code: 'ar', dialects: ['Levantinisch (Syrien, Libanon)'], level: 'native' }]).map((l) => ({ code: l.code, dialects: l.dialects ?? [], level: l.level ?? 'native' })),
  );
  return row;
}

/** A request inserted directly (no lead-time rule), e.g. one that lies in the past. */
export async function makeRequest(
  db: DbOrTx,
  over: Partial<repo.RequestInsert> & { startsAt: Date; durationMinutes?: number; institution?: { name: string; kind: string; ags: string | null; organisationId?: string | null } },
) {
  const { institution, durationMinutes = 60, ...values } = over;
  const inst = await repo.findOrCreateInstitution(db, institution ?? { name: 'Grundschule Am Bach (Test)', kind: 'schule', ags: TROISDORF_AGS });
  return repo.insertRequest(db, {
    reference: await repo.nextRequestReference(db, over.startsAt.getUTCFullYear()),
    channel: 'public',
    status: 'open',
    institutionId: inst.id,
    contactName: 'Frau Lehrerin',
    contactEmail: 'sekretariat@schule.example',
    contactPhone: '02241 000000',
    languageCode: 'ar',
    endsAt: new Date(over.startsAt.getTime() + durationMinutes * 60_000),
    durationMinutes,
    mode: 'in_person',
    street: 'Schulstraße 1',
    ags: TROISDORF_AGS,
    topic: 'elterngespraech_schule',
    genderPreference: 'none',
    ...values,
  });
}

/** A confirmed assignment of `interpreterId` for `request` (the request becomes "assigned"). */
export async function makeAssignment(db: DbOrTx, request: repo.RequestRow, interpreterId: string, over: Partial<Parameters<typeof repo.insertAssignment>[1]> = {}) {
  const assignment = await repo.insertAssignment(db, {
    requestId: request.id,
    interpreterId,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    feeTier: 'basic',
    ...over,
  });
  await repo.updateRequest(db, request.id, { status: over.status === 'completed' ? 'completed' : 'assigned' });
  return assignment;
}

export async function makeOffer(db: DbOrTx, requestId: string, interpreterId: string, offeredBy: string) {
  const [offer] = await repo.insertOffers(db, requestId, [interpreterId], offeredBy);
  await repo.updateRequest(db, requestId, { status: 'offered' });
  return offer!;
}

/** A weekday at `time` (Berlin) that satisfies the lead time with `extraWorkdays` to spare. */
export function futureWeekdayAt(extraWorkdays: number, time = '10:00', now = new Date()): { date: string; startsAt: Date } {
  let date = addWorkdays(earliestAppointmentDate(berlinToday(now), DEFAULT_INTERPRETER_POOL_SETTINGS.leadTimeWorkdays, DEFAULT_INTERPRETER_POOL_SETTINGS.closedDays), extraWorkdays);
  while (isoWeekday(date) > 5) date = addWorkdays(date, 1);
  return { date, startsAt: berlinWallTimeToInstant(date, time) };
}
