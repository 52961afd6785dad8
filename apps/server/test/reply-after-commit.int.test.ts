import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { buildApp, type App, type Module } from '../src/platform/http/app.js';
import { conflict } from '../src/platform/http/errors.js';
import { createTestDatabase } from './harness.js';

/**
 * A handler that sends its reply early (a file download: `reply.type(...).send(buffer)`) must still answer only after
 * its transaction committed, and a failure after the send must answer with the error and keep nothing.
 */
const probe: Module = {
  name: 'probe',
  register(app) {
    app.get('/probe/slow-send', { config: { access: 'public' } }, async (request, reply) => {
      reply.type('text/plain').send('gesendet');
      await request.ctx.tx.execute(sql`SELECT pg_sleep(0.2)`);
      await request.ctx.tx.execute(sql`INSERT INTO probe_rows (note) VALUES ('nach dem Senden')`);
      return reply;
    });
    app.get('/probe/send-then-fail', { config: { access: 'public' } }, async (request, reply) => {
      reply.send({ ok: true });
      await request.ctx.tx.execute(sql`INSERT INTO probe_rows (note) VALUES ('verworfen')`);
      throw conflict('Absichtlicher Abbruch nach dem Senden.');
    });
  },
};

let app: App;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.database.db.execute(sql`CREATE TABLE probe_rows (note text NOT NULL)`);
  app = await buildApp({ config: { ...loadConfig({}), seedDemo: false, logLevel: 'silent' }, database: db.database, modules: [probe], logger: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const notes = async () => (await db.database.db.execute<{ note: string }>(sql`SELECT note FROM probe_rows`)).rows.map((r) => r.note);

describe('a reply sent inside the request transaction', () => {
  it('leaves only after COMMIT: what the handler wrote after sending is there when the response arrives', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/slow-send' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('gesendet');
    expect(await notes()).toContain('nach dem Senden');
  });

  it('is discarded when the handler fails afterwards: the client gets the error and nothing is kept', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/send-then-fail' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain('Absichtlicher Abbruch');
    expect(await notes()).not.toContain('verworfen');
  });
});
