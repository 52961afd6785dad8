/** The one error body every API error has. `fields` maps a field path (e.g. `email`, `roles.0`) to a German message. */
export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  requestId?: string;
}

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'version_conflict',
  'precondition_required',
  'idempotency_mismatch',
  'too_many_requests',
  'payload_too_large',
  'unsupported_media_type',
  'csrf_invalid',
  'totp_required',
  'totp_setup_required',
  'step_up_required',
  'consent_required',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
