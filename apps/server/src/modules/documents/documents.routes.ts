import { z } from 'zod';
import {
  DOCUMENT_MAX_BYTES,
  DocumentInfo,
  DocumentListResult,
  DocumentParams,
  DocumentUploadQuery,
  IdParams,
  OkResponse,
  type Access,
  type DocumentOwnerType,
} from '@teilhabe/shared';
import type { FastifyError } from 'fastify';
import type { App, Module } from '../../platform/http/app.js';
import { authed, type AuthedContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { requireCaseForWrite, requireCaseInScope } from '../cases/cases.service.js';
import { requirePersonForWrite, requirePersonInScope } from '../people/people.service.js';
import * as service from './documents.service.js';

export interface DocumentRouteOptions {
  /** e.g. `/api/v1/cases/:id` — the documents routes hang below it (`/documents`, `/documents/:documentId`). */
  base: string;
  ownerType: DocumentOwnerType;
  readAccess: Access;
  writeAccess: Access;
  tags: string[];
  /** Checks that the actor may see the owner (404 otherwise) and returns its organisation. */
  resolveRead(ctx: AuthedContext, ownerId: string): Promise<{ organisationId: string }>;
  /** Checks that the actor may change the owner (404 otherwise) and returns its organisation. */
  resolveWrite(ctx: AuthedContext, ownerId: string): Promise<{ organisationId: string }>;
}

/**
 * Registers list, upload, download and delete of the documents of one kind of record, in an encapsulated scope that
 * accepts the raw file as request body (any content type, at most 20 MB). Another module adds documents to its
 * records with one call in its `register`:
 *
 *   registerDocumentRoutes(app, { base: '/api/v1/grants/:id', ownerType: 'grant', readAccess: 'funding.read',
 *     writeAccess: 'funding.write', tags, resolveRead: ..., resolveWrite: ... });
 */
export function registerDocumentRoutes(app: App, o: DocumentRouteOptions) {
  const what = o.base.replace(/^\/api\/v1\//, '');
  return app.register(async (scope) => {
    const s = scope as App;
    // The upload body is the file itself. JSON keeps its own parser and is refused by the handler with 415.
    // Only the upload takes a file; the other routes of this scope keep the app's rule (JSON or nothing).
    s.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES }, (req, body, done) => {
      if (req.method === 'POST') done(null, body);
      else done(new AppError(415, 'unsupported_media_type', 'Nicht unterstützter Inhaltstyp. Bitte JSON (application/json) senden.'), undefined);
    });
    // An over-long upload gets a German message with the limit and the file name; anything else goes to the app's handler.
    s.setErrorHandler(async (error: FastifyError, request) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw service.tooLarge(service.cleanFilename((request.query as { filename?: string } | undefined)?.filename ?? (request.headers['x-filename'] as string | undefined)));
      }
      throw error;
    });

    s.get(
      `${o.base}/documents`,
      { config: { access: o.readAccess }, schema: { tags: o.tags, summary: `Dokumente (${what})`, params: IdParams, response: { 200: DocumentListResult } } },
      async (request) => {
        const ctx = authed(request.ctx);
        await o.resolveRead(ctx, request.params.id);
        const canWrite = ctx.actor.permissions.has(o.writeAccess as never) && (await o.resolveWrite(ctx, request.params.id).then(() => true, () => false));
        return { items: await service.documentsFor(ctx.tx, o.ownerType, request.params.id), canWrite };
      },
    );
    s.post(
      `${o.base}/documents`,
      {
        config: { access: o.writeAccess },
        bodyLimit: DOCUMENT_MAX_BYTES,
        schema: {
          tags: o.tags,
          summary: `Dokument hochladen (${what}); Inhalt = Datei (application/octet-stream), Name in ?filename=; PDF, Bilder, DOCX bis 20 MB`,
          params: IdParams,
          querystring: DocumentUploadQuery,
          body: z.any(),
          response: { 201: DocumentInfo },
        },
      },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        const owner = await o.resolveWrite(ctx, request.params.id);
        const headerName = request.headers['x-filename'];
        let filename = request.query.filename;
        if (!filename && typeof headerName === 'string') {
          try {
            filename = decodeURIComponent(headerName);
          } catch {
            filename = headerName;
          }
        }
        const doc = await service.storeDocument(ctx, { ownerType: o.ownerType, ownerId: request.params.id, organisationId: owner.organisationId, filename, content: request.body });
        reply.status(201);
        return doc;
      },
    );
    s.get(
      `${o.base}/documents/:documentId`,
      { config: { access: o.readAccess }, schema: { tags: o.tags, summary: `Dokument herunterladen (${what}, protokolliert)`, params: DocumentParams } },
      async (request, reply) => {
        const ctx = authed(request.ctx);
        await o.resolveRead(ctx, request.params.id);
        const doc = await service.readDocument(ctx, o.ownerType, request.params.id, request.params.documentId);
        reply.type(doc.mediaType).header('content-disposition', service.contentDisposition(doc.filename)).header('cache-control', 'no-store');
        return doc.content;
      },
    );
    s.delete(
      `${o.base}/documents/:documentId`,
      { config: { access: o.writeAccess }, schema: { tags: o.tags, summary: `Dokument löschen (${what})`, params: DocumentParams, response: { 200: OkResponse } } },
      async (request) => {
        const ctx = authed(request.ctx);
        await o.resolveWrite(ctx, request.params.id);
        return service.deleteDocument(ctx, o.ownerType, request.params.id, request.params.documentId);
      },
    );
  });
}

/** Documents of persons and cases (KIM). */
export const documentsModule: Module = {
  name: 'documents',
  async register(app) {
    await registerDocumentRoutes(app, {
      base: '/api/v1/people/:id',
      ownerType: 'person',
      readAccess: 'persons.read',
      writeAccess: 'persons.write',
      tags: ['Personen (KIM)'],
      resolveRead: async (ctx, id) => ({ organisationId: (await requirePersonInScope(ctx, id)).organisationId }),
      resolveWrite: async (ctx, id) => ({ organisationId: (await requirePersonForWrite(ctx, id)).organisationId }),
    });
    await registerDocumentRoutes(app, {
      base: '/api/v1/cases/:id',
      ownerType: 'case',
      readAccess: 'cases.read',
      writeAccess: 'cases.write',
      tags: ['Fälle (KIM)'],
      resolveRead: async (ctx, id) => ({ organisationId: (await requireCaseInScope(ctx, id)).organisation_id }),
      resolveWrite: async (ctx, id) => ({ organisationId: (await requireCaseForWrite(ctx, id)).organisationId }),
    });
  },
};
