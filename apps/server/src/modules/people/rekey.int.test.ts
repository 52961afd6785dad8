import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { bulkInsertPersons, writeSearchFields } from './people.repository.js';
import { searchFields } from './people.service.js';
import { SEARCH_KEYS_VERSION } from './names/keys.js';
import { rekeyPersons, searchKeysRefreshJob, storedSearchKeysVersion } from './rekey.js';

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
    // As saved by an older release: no keys, no readings, no canonical words (the column came with migration 0016).
    await t.database.pool.query(`UPDATE persons SET name_keys = '{}', search_text = '', search_words = '{}' WHERE id = $1`, [person!.id]);
    const found = () =>
      t.database.pool.query(`SELECT id FROM persons WHERE name_keys && $1::text[]`, [fresh.nameKeys]).then((r) => r.rows.map((x) => x.id));
    expect(await found()).not.toContain(person!.id);

    const first = await rekeyPersons(t.database, 2);
    expect(first.updated).toBeGreaterThanOrEqual(1);
    expect(await found()).toContain(person!.id);
    const { rows } = await t.database.pool.query(`SELECT search_text, search_words, name_keys FROM persons WHERE id = $1`, [person!.id]);
    expect(rows[0].search_text).toBe(fresh.searchText);
    expect(rows[0].search_words).toEqual(fresh.searchWords);
    expect(rows[0].search_words).toContain('mohamed');
    expect([...rows[0].name_keys].sort()).toEqual([...fresh.nameKeys!].sort());

    const second = await rekeyPersons(t.database, 2);
    expect(second).toEqual({ checked: first.checked, updated: 0 });
    expect(await t.auditCount(`action = 'persons.search_keys_refresh'`)).toBe(2);
    // The run records the key version: the start-up check has nothing to do until keys are derived differently.
    expect(await storedSearchKeysVersion(t.database)).toBe(SEARCH_KEYS_VERSION);
    expect(await searchKeysRefreshJob.needed(t.database)).toBe(false);
  });

  it('is queued at start while the stored keys come from an older key version', async () => {
    await t.database.pool.query(
      `INSERT INTO audit_events (action, details) VALUES ('persons.search_keys_refresh', jsonb_build_object('checked', 0, 'updated', 0, 'version', $1::int))`,
      [SEARCH_KEYS_VERSION - 1],
    );
    expect(await searchKeysRefreshJob.needed(t.database)).toBe(true);
    await searchKeysRefreshJob.run(t.database);
    expect(await searchKeysRefreshJob.needed(t.database)).toBe(false);
  });

  it('does not overwrite the keys of a person renamed while the run was under way', async () => {
    const names = { givenNames: 'Olena', familyName: 'Kovalenko', nativeGivenNames: 'Олена', nativeFamilyName: 'Коваленко', aliases: [] };
    const [person] = await bulkInsertPersons(t.database.db, [
      { organisationId: t.tree.orgs.kimTroisdorf!.id, ...names, ...searchFields(names), sex: 'female', benefitSystem: 'none' },
    ]);
    const renamed = searchFields({ ...names, givenNames: 'Oksana', nativeGivenNames: 'Оксана' });
    // The run read version 1; the rename (version 2) wrote its own keys before the run's write arrives.
    await t.database.pool.query(`UPDATE persons SET given_names = 'Oksana', native_given_names = 'Оксана', search_text = $2, name_keys = $3, version = version + 1 WHERE id = $1`, [
      person!.id,
      renamed.searchText,
      renamed.nameKeys,
    ]);
    await writeSearchFields(t.database.db, person!.id, 1, searchFields(names));
    const { rows } = await t.database.pool.query(`SELECT search_text FROM persons WHERE id = $1`, [person!.id]);
    expect(rows[0].search_text).toBe(renamed.searchText);
  });
});
