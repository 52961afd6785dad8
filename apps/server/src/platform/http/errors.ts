import type { ApiErrorBody, ErrorCode } from '@teilhabe/shared';

/** An error with an HTTP status and a German message; the error handler turns it into `{code, message, fields}`. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(requestId?: string): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), requestId };
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new AppError(400, 'validation_failed', message, fields);
export const fieldError = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `Ungültige Eingabe im Feld „${field}“: ${message}`, { [field]: message });
export const unauthenticated = (message = 'Bitte melden Sie sich an.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'Dafür fehlt Ihnen die Berechtigung.') => new AppError(403, 'forbidden', message);
export const notFound = (message = 'Nicht gefunden.') => new AppError(404, 'not_found', message);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new AppError(409, 'conflict', message, fields);
export const versionConflict = () =>
  new AppError(
    409,
    'version_conflict',
    'Der Datensatz wurde inzwischen von jemand anderem geändert. Bitte neu laden und die Änderung erneut vornehmen.',
  );
export const unprocessable = (code: ErrorCode, message: string, fields?: Record<string, string>) =>
  new AppError(422, code, message, fields);
