import type { Config } from '../config.js';
import { modules } from '../modules/index.js';
import { demoLoginLines, isSeeded, seedDemo } from '../seed/demo.js';
import { connect, migrateDatabase, type Database } from './db/client.js';
import { ensureDatabase, lockDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.js';
import { buildApp, type App } from './http/app.js';
import { startJobs, type Jobs } from './jobs/jobs.js';

export interface DatabaseHandle {
  database: Database;
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** The configured PostgreSQL server, or the embedded one in the data folder (locked against a second app). */
export async function openDatabase(config: Config, log: (m: string) => void = () => {}): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const database = connect(config.databaseUrl);
    return { database, close: () => database.close() };
  }
  const unlock = lockDataDir(config.dataDir);
  let embedded: EmbeddedPostgres | undefined;
  try {
    embedded = await startEmbeddedPostgres(config.dataDir, { log });
    await ensureDatabase(embedded.url('postgres'), 'teilhabe');
  } catch (e) {
    await embedded?.stop();
    unlock();
    throw e;
  }
  const database = connect(embedded.url('teilhabe'));
  return {
    database,
    embedded,
    async close() {
      await database.close().catch(() => {});
      await embedded.stop();
      unlock();
    },
  };
}

export interface Running {
  app: App;
  handle: DatabaseHandle;
  jobs: Jobs | undefined;
  url: string;
  seededNow: boolean;
  stop(): Promise<void>;
}

export async function startTeilhabe(config: Config, opts: { logger?: boolean | object; jobs?: boolean } = {}): Promise<Running> {
  const handle = await openDatabase(config);
  try {
    await migrateDatabase(handle.database);
    let seededNow = false;
    if (config.seedDemo && !(await isSeeded(handle.database.db))) {
      await seedDemo(handle.database.db, config.demoPassword);
      seededNow = true;
    }
    const app = await buildApp({ config, database: handle.database, modules, logger: opts.logger });
    const jobs = opts.jobs === false ? undefined : await startJobs(handle.database, config);
    await app.listen({ port: config.port, host: config.host });
    const url = `http://localhost:${config.port}`;
    let stopping: Promise<void> | undefined;
    return {
      app,
      handle,
      jobs,
      url,
      seededNow,
      stop() {
        // Stop accepting, let in-flight requests finish, then stop jobs and the database.
        stopping ??= (async () => {
          await app.close();
          await jobs?.stop();
          await handle.close();
        })();
        return stopping;
      },
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

export { demoLoginLines };
