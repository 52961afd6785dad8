import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { bulkInsertPersons } from './people.repository.js';
import { searchFields } from './people.service.js';
import { rekeyPersons } from './rekey.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

describe('people:rekey', () => {
  it('rewrites stale search keys so the person is found again, and leaves current ones alone', async () => {
    const names = { givenNames: 'Mohammed', familyName: 'Al-Hassan', nativeGivenNames: 'محمد', nativeFamilyName: 'الحسن', aliases: [] };
    const [person] = await bulkInsertPersons(t.database.db, [
      { organisationId: t.tree.orgs.kimTroisdorf!.id, ...names, ...searchFields(names), sex: 'male', benefitSystem: 'none' },
    ]);
    const fresh = searchFields(names);
    // As saved by an older release: no keys, no readings.
    await t.database.pool.query(`UPDATE persons SET name_keys = '{}', search_text = '' WHERE id = $1`, [person!.id]);
    const found = () =>
      t.database.pool.query(`SELECT id FROM persons WHERE name_keys && $1::text[]`, [fresh.nameKeys]).then((r) => r.rows.map((x) => x.id));
    expect(await found()).not.toContain(person!.id);

    const first = await rekeyPersons(t.database, 2);
    expect(first.updated).toBeGreaterThanOrEqual(1);
    expect(await found()).toContain(person!.id);
    const { rows } = await t.database.pool.query(`SELECT search_text, name_keys FROM persons WHERE id = $1`, [person!.id]);
    expect(rows[0].search_text).toBe(fresh.searchText);
    expect([...rows[0].name_keys].sort()).toEqual([...fresh.nameKeys!].sort());

    const second = await rekeyPersons(t.database, 2);
    expect(second).toEqual({ checked: first.checked, updated: 0 });
    expect(await t.auditCount(`action = 'persons.search_keys_refresh'`)).toBe(2);
  });
});
