import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InterpreterDetail } from '@teilhabe/shared';
import { json, makeMe, mockFetch, renderPage } from '../../test/utils';
import { useInterpreter } from './api';
import { ExclusionEditor } from './ExclusionEditor';

const ID = '00000000-0000-4000-8000-0000000000b1';
const SCHOOL = '00000000-0000-4000-8000-0000000000c1';
const BUERGERBUERO = '00000000-0000-4000-8000-0000000000c2';

const exclusion = (id: string, institutionId: string, institutionName: string, note: string) => ({
  id,
  institutionId,
  institutionName,
  caseId: null,
  requestReference: null,
  note,
  createdAt: '2026-03-02T09:00:00.000Z',
});

function detail(exclusions: InterpreterDetail['exclusions']): InterpreterDetail {
  return {
    id: ID,
    displayName: 'Samir Haddad',
    gender: 'male',
    languages: [{ code: 'ar', name: 'Arabisch', dialects: [], level: 'native' }],
    homeAgs: '05382068',
    homeGemeinde: 'Troisdorf',
    feeTier: 'basic',
    confidentialitySigned: true,
    active: true,
    linkedUser: false,
    firstName: 'Samir',
    lastName: 'Haddad',
    email: null,
    phone: null,
    street: null,
    postalCode: null,
    basicTrainingOn: '2025-01-10',
    advancedTrainingOn: null,
    confidentialitySignedOn: '2025-01-10',
    confidentialityDocument: null,
    availability: [],
    absences: [],
    servedAgs: [],
    maxTravelKm: 25,
    remoteOk: true,
    iban: null,
    ibanMasked: null,
    accountHolder: null,
    userId: null,
    notes: null,
    exclusions,
    calendarFeedActive: false,
    yearTotalCents: 0,
    version: 3,
    can: { edit: true, viewIban: true },
  };
}

/** The interpreter page keeps the detail in the query cache; the editor writes its answers there. */
function Harness() {
  const query = useInterpreter(ID);
  return query.data ? <ExclusionEditor detail={query.data} /> : null;
}

afterEach(() => vi.unstubAllGlobals());

describe('ExclusionEditor', () => {
  it('lists exclusions with their reason, removes one and adds an institution with a reason', async () => {
    const first = exclusion('00000000-0000-4000-8000-0000000000d1', BUERGERBUERO, 'Bürgerbüro Siegburg', 'Arbeitet dort in Teilzeit');
    let current = detail([first]);
    const calls = mockFetch({
      [`GET /api/v1/interpreters/${ID}`]: () => json(current),
      'GET /api/v1/interpreter-institutions': () =>
        json([
          { id: SCHOOL, name: 'Gesamtschule am Rhein', kind: 'schule', gemeinde: 'Troisdorf' },
          { id: BUERGERBUERO, name: 'Bürgerbüro Siegburg', kind: 'kommune', gemeinde: 'Siegburg' },
        ]),
      [`DELETE /api/v1/interpreters/${ID}/exclusions/${first.id}`]: () => json((current = detail([]))),
      [`POST /api/v1/interpreters/${ID}/exclusions`]: ({ body }) => {
        const { reason } = body as { reason: string };
        if (reason.length < 3) return json({ code: 'validation_failed', message: 'Bitte die Eingaben prüfen.', fields: { reason: 'Mindestens 3 Zeichen' } }, 400);
        return json((current = detail([exclusion('00000000-0000-4000-8000-0000000000d2', SCHOOL, 'Gesamtschule am Rhein', reason)])), 201);
      },
    });
    renderPage(<Harness />, { me: makeMe({ roles: ['interpreter_coordinator'], permissions: ['interpreters.manage'] }) });
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Ausschlüsse von Samir Haddad' });
    expect(within(table).getByText('Arbeitet dort in Teilzeit')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ausschluss „Bürgerbüro Siegburg“ aufheben' }));
    expect(await screen.findByText('Keine Ausschlüsse.')).toBeTruthy();
    const removeCall = calls.mock.calls.find(([, init]) => init?.method === 'DELETE');
    expect(removeCall?.[1]?.body).toBe('{}');

    await screen.findByRole('option', { name: 'Gesamtschule am Rhein (Troisdorf)' });
    await user.selectOptions(screen.getByLabelText(/^Einrichtung/), SCHOOL);
    await user.type(screen.getByLabelText(/^Grund/), 'x');
    await user.click(screen.getByRole('button', { name: 'Ausschluss hinzufügen' }));
    expect(await screen.findByText('Mindestens 3 Zeichen')).toBeTruthy();

    await user.clear(screen.getByLabelText(/^Grund/));
    await user.type(screen.getByLabelText(/^Grund/), 'Tochter besucht die Schule');
    await user.click(screen.getByRole('button', { name: 'Ausschluss hinzufügen' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Ausschluss hinzugefügt.');
    expect(await screen.findByText('Tochter besucht die Schule')).toBeTruthy();
    const addCall = calls.mock.calls.filter(([, init]) => init?.method === 'POST').at(-1);
    expect(JSON.parse(String(addCall?.[1]?.body))).toEqual({ institutionId: SCHOOL, reason: 'Tochter besucht die Schule' });
  }, 30_000);

  it('names a client exclusion by the request reference, in English too', async () => {
    mockFetch({ 'GET /api/v1/interpreter-institutions': () => json([]) });
    const client = { ...exclusion('00000000-0000-4000-8000-0000000000d3', '', '', 'Verwandt'), institutionId: null, institutionName: null, caseId: '00000000-0000-4000-8000-0000000000e1', requestReference: 'SM-2026-00012' };
    renderPage(<ExclusionEditor detail={detail([client])} />, { locale: 'en', me: makeMe({ roles: ['interpreter_coordinator'], permissions: ['interpreters.manage'] }) });
    expect(screen.getByRole('heading', { name: 'Exclusion list' })).toBeTruthy();
    expect(screen.getByText('Client of request SM-2026-00012')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('radio', { name: 'the client of a request' }));
    expect(screen.getByLabelText(/^Request reference/)).toBeTruthy();
  }, 30_000);
});
