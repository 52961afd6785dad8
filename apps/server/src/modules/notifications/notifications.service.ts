import type { DbOrTx } from '../../platform/db/client.js';
import * as repo from './notifications.repository.js';

/** In-app notification for one user, written in the caller's transaction (other modules call this, never the repository). */
export async function notifyUser(db: DbOrTx, values: { userId: string; kind: string; title: string; body?: string; link?: string }): Promise<void> {
  await repo.notify(db, values);
}
