import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES, MINIMAL_CATEGORIES_BY_KIND, minimalCategoriesFor, partnerCategories } from './consents.js';
import { ORGANISATION_KINDS } from './organisations.js';

describe('minimal data set per kind of recipient', () => {
  it('names known categories for every organisation kind, in the catalogue order, without duplicates', () => {
    expect(Object.keys(MINIMAL_CATEGORIES_BY_KIND).sort()).toEqual([...ORGANISATION_KINDS].sort());
    for (const [kind, categories] of Object.entries(MINIMAL_CATEGORIES_BY_KIND)) {
      expect(categories.length, kind).toBeGreaterThan(0);
      expect([...categories], kind).toEqual(DATA_CATEGORIES.filter((c) => categories.includes(c)));
      expect(categories, kind).toContain('identity');
    }
  });

  it('gives health data (Art. 9 DSGVO) only to counselling bodies', () => {
    const withHealth = ORGANISATION_KINDS.filter((k) => MINIMAL_CATEGORIES_BY_KIND[k].includes('health'));
    expect(withHealth.sort()).toEqual(['beratungsstelle', 'traeger', 'wohlfahrtsverband']);
    expect(minimalCategoriesFor('unbekannt')).not.toContain('health');
  });

  it('keeps the Ausländerbehörde to identity, residence status and languages', () => {
    expect(MINIMAL_CATEGORIES_BY_KIND.auslaenderbehoerde).toEqual(['identity', 'residence', 'languages']);
    expect(MINIMAL_CATEGORIES_BY_KIND.jobcenter).not.toContain('residence');
  });

  it('shares consented ∩ minimal and withholds the rest of the minimal set; unneeded categories are in neither list', () => {
    expect(partnerCategories('jobcenter', ['goals', 'identity', 'residence', 'health'])).toEqual({
      shared: ['identity', 'goals'],
      withheld: ['contact', 'benefits', 'languages', 'education_work'],
    });
    expect(partnerCategories('auslaenderbehoerde', ['contact', 'goals'])).toEqual({ shared: [], withheld: ['identity', 'residence', 'languages'] });
  });
});
