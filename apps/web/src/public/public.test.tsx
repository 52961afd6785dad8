import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { describeSchedule } from './format';
import { GemeindeMap } from './GemeindeMap';
import { MESSAGES } from './messages';
import { detailHref, parseRoute, PREFIX } from './routing';
import { buildRrule, berlinIso } from '../features/directory/offerForm';

describe('public routes', () => {
  it('reads language and offer from the path, for every language', () => {
    expect(parseRoute('/angebote')).toEqual({ lang: 'de', id: null });
    expect(parseRoute('/ar/angebote/')).toEqual({ lang: 'ar', id: null });
    expect(parseRoute('/leichte-sprache/angebote')).toEqual({ lang: 'de-LS', id: null });
    const id = '2f1b6c1e-8f7a-4a43-9b6c-0b1f2f6c1e8f';
    expect(parseRoute(`/fa/angebote/${id}`)).toEqual({ lang: 'fa', id });
    expect(parseRoute('/uk/angebote/<script>')).toEqual({ lang: 'uk', id: 'invalid' });
    expect(detailHref('tr', id)).toBe(`/tr/angebote/${id}`);
    expect(Object.keys(PREFIX)).toHaveLength(8);
  });

  it('has every UI text in every language', () => {
    const keys = Object.keys(MESSAGES.de).sort();
    for (const m of Object.values(MESSAGES)) {
      expect(Object.keys(m).sort()).toEqual(keys);
      expect(Object.keys(m.fields)).toHaveLength(11);
    }
    expect(MESSAGES.ar.onlyGerman).not.toBe(MESSAGES.de.onlyGerman);
  });
});

describe('schedules in the reader’s language', () => {
  const weekly = { kind: 'recurring' as const, rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', startTime: '09:00', endTime: '11:30' };
  it('names weekdays and keeps the times left-to-right in Arabic', () => {
    expect(describeSchedule('de', MESSAGES.de, weekly)[0]).toBe('jeden Dienstag und Donnerstag, \u206609:00–11:30 Uhr\u2069');
    expect(describeSchedule('en', MESSAGES.en, weekly)[0]).toBe('every Tuesday and Thursday, \u206609:00–11:30\u2069');
    const ar = describeSchedule('ar', MESSAGES.ar, weekly)[0]!;
    expect(ar).toContain('الثلاثاء');
    expect(ar).toContain('\u206609:00–11:30\u2069');
    expect(describeSchedule('de', MESSAGES.de, { kind: 'recurring', rrule: 'FREQ=MONTHLY;BYDAY=1MO', startTime: '18:00', endTime: '20:00' })[0]).toBe(
      'jeden ersten Montag im Monat, \u206618:00–20:00 Uhr\u2069',
    );
  });
});

describe('offer form helpers', () => {
  it('builds RRULEs from the simple fields and writes Berlin times with the right offset', () => {
    expect(buildRrule({ weekdays: ['TH', 'TU'], frequency: 'weekly', monthWeek: '1' })).toBe('FREQ=WEEKLY;BYDAY=TU,TH');
    expect(buildRrule({ weekdays: ['MO'], frequency: 'biweekly', monthWeek: '1' })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
    expect(buildRrule({ weekdays: ['FR'], frequency: 'monthly', monthWeek: '-1' })).toBe('FREQ=MONTHLY;BYDAY=-1FR');
    expect(berlinIso('2031-01-15', '10:00')).toBe('2031-01-15T10:00:00+01:00');
    expect(berlinIso('2031-07-15', '10:00')).toBe('2031-07-15T10:00:00+02:00');
  });
});

describe('the Gemeinde map', () => {
  it('draws every Gemeinde as a link with an accessible name', () => {
    render(
      <GemeindeMap
        collection={{
          type: 'FeatureCollection',
          attribution: '',
          bbox: [7, 50.7, 7.2, 50.9],
          features: [
            { type: 'Feature', id: 'a', properties: { ags: '05382068', name: 'Troisdorf', population: 1, offers: 3 }, geometry: { type: 'Polygon', coordinates: [[[7, 50.7], [7.1, 50.7], [7.1, 50.8], [7, 50.7]]] } },
            { type: 'Feature', id: 'b', properties: { ags: '05382060', name: 'Siegburg', population: 1, offers: 0 }, geometry: { type: 'Polygon', coordinates: [[[7.1, 50.8], [7.2, 50.8], [7.2, 50.9], [7.1, 50.8]]] } },
          ],
        }}
        values={{ '05382068': 3 }}
        labelFor={(_a, v) => String(v)}
        describe={(name, v) => `${name}: ${v} Angebote`}
        title="Karte"
        hrefFor={(ags) => `/angebote?gemeinde=${ags}`}
      />,
    );
    expect(screen.getByRole('link', { name: 'Troisdorf: 3 Angebote' }).getAttribute('href')).toBe('/angebote?gemeinde=05382068');
    expect(screen.getByRole('link', { name: 'Siegburg: 0 Angebote' })).toBeTruthy();
  });
});
