import { recordAudit } from '../../platform/audit/audit.js';
import type { Database } from '../../platform/db/client.js';
import { unsafeSearchFieldsAfter, writeSearchFields } from './people.repository.js';
import { searchFields } from './people.service.js';

/**
 * Recomputes the derived search columns (readings, sound and pair keys, script) of every person, in batches of
 * `batchSize` persons per transaction, and writes only rows whose stored values differ. Needed after an upgrade that
 * changes how keys are derived (e.g. persons saved before pair keys existed are otherwise found only by the slower
 * steps). One audit event per run with the counts; the names themselves are not touched.
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
        id: r.id,
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
          (stored.native_script ?? null) !== (fresh.nativeScript ?? null) ||
          [...(stored.name_keys ?? [])].sort().join(' ') !== [...(fresh.nameKeys ?? [])].sort().join(' '),
      );
    if (!changed.length) continue;
    await database.db.transaction(async (tx) => {
      for (const { id, fresh } of changed) await writeSearchFields(tx, id, fresh);
    });
    updated += changed.length;
  }
  await database.db.transaction((tx) =>
    recordAudit(tx, { actor: null, requestId: 'cli:people-rekey' }, { action: 'persons.search_keys_refresh', details: { checked, updated } }),
  );
  return { checked, updated };
}
