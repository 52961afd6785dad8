import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

const MAX_FIELDS = 20;
const LOCATION_DE: Record<string, string> = { body: 'Eingabe', querystring: 'Suchparameter', params: 'Adresse', headers: 'Kopfzeilen' };

/** Turns a Zod validation failure into `{message, fields}` with German texts naming every bad field. */
export function describeValidationError(error: FastifyError): { message: string; fields: Record<string, string> } | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const fields: Record<string, string> = {};
  for (const issue of error.validation) {
    // A body with 50,000 unknown keys must not produce a 50,000-field answer (B-02): the first few name the problem.
    if (Object.keys(fields).length >= MAX_FIELDS) break;
    const path = issue.instancePath.split('/').filter(Boolean);
    const keys = (issue.params as { keys?: string[] }).keys;
    if (issue.keyword === 'unrecognized_keys' && keys) {
      for (const key of keys.slice(0, MAX_FIELDS)) fields[[...path, key].join('.')] = 'Unbekanntes Feld – nicht erlaubt';
      continue;
    }
    const key = path.length ? path.join('.') : (error.validationContext ?? 'body');
    fields[key] ??= translate(issue.message ?? 'Ungültiger Wert');
  }
  const names = Object.keys(fields);
  const where = LOCATION_DE[error.validationContext ?? 'body'] ?? 'Eingabe';
  const message =
    names.length === 1
      ? `Ungültige ${where} im Feld „${names[0]}“: ${fields[names[0]!] ?? ''}`
      : `Ungültige ${where} in den Feldern ${names.map((n) => `„${n}“`).join(', ')}`;
  return { message, fields };
}

/** Zod is configured with its German locale; this catches the few messages that still arrive in English. */
function translate(message: string): string {
  if (/^Required$/i.test(message)) return 'Pflichtfeld';
  return message;
}
