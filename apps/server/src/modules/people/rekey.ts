import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/client.js';
import { SEARCH_KEYS_VERSION } from './names/keys.js';
import { anyPerson, lastAuditDetail, unsafeSearchFieldsAfter, writeSearchFields } from './people.repository.js';
import { searchFields } from './people.service.js';

const REFRESH_ACTION = 'persons.search_keys_refresh';

/**
 * Recomputes the derived search columns (readings, sound and pair keys, script) of every person, in batches of
 * `batchSize` persons per transaction, and writes only rows whose stored values differ. Needed after an upgrade that
 * changes how keys are derived (e.g. persons saved before pair keys existed are otherwise found only by the slower
 * steps). One audit event per run with the counts and the key version; the names themselves are not touched. A
 * person edited while the run is under way keeps the keys its edit wrote.
 */
export async function rekeyPersons(database: Database, batchSize = 1000): Promise<{ checked: number; updated: number }> {
  let after = '00000000-0000-0000-0000-000000000000';
  let checked = 0;
  let updated = 0;
  for (;;) {
    const rows = await unsafeSearchFieldsAfter(database.db, after, batchSize);
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    checked += rows.length;
    const changed = rows
      .map((r) => ({
        stored: r,
        fresh: searchFields({
          givenNames: r.given_names,
          familyName: r.family_name,
          nativeGivenNames: r.native_given_names,
          nativeFamilyName: r.native_family_name,
          aliases: r.aliases ?? [],
        }),
      }))
      .filter(
        ({ stored, fresh }) =>
          stored.search_text !== fresh.searchText ||
          (stored.search_words ?? []).join(' ') !== (fresh.searchWords ?? []).join(' ') ||
          (stored.native_script ?? null) !== (fresh.nativeScript ?? null) ||
          [...(stored.name_keys ?? [])].sort().join(' ') !== [...(fresh.nameKeys ?? [])].sort().join(' '),
      );
    if (!changed.length) continue;
    await database.db.transaction(async (tx) => {
      for (const { stored, fresh } of changed) await writeSearchFields(tx, stored.id, stored.version, fresh);
    });
    updated += changed.length;
  }
  await database.db.transaction((tx) =>
    recordAudit(tx, { actor: null, requestId: 'people-rekey' }, { action: REFRESH_ACTION, details: { checked, updated, version: SEARCH_KEYS_VERSION } }),
  );
  return { checked, updated };
}

/** The key version of the last completed run (from its audit event), or null if none ran yet. */
export async function storedSearchKeysVersion(database: Database): Promise<number | null> {
  const version = await lastAuditDetail(database.db, REFRESH_ACTION, 'version');
  return version == null ? null : Number(version);
}

/**
 * Started after an upgrade: when the stored keys were computed with another key version (or with a release before
 * versions were recorded) and there are persons, the keys are recomputed in the background.
 */
export const searchKeysRefreshJob = {
  name: 'people-search-keys',
  async needed(database: Database): Promise<boolean> {
    if ((await storedSearchKeysVersion(database)) === SEARCH_KEYS_VERSION) return false;
    return anyPerson(database.db);
  },
  async run(database: Database): Promise<void> {
    await rekeyPersons(database);
  },
};
