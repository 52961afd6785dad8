import { z } from 'zod';

// Lone UTF-16 surrogates and NUL cannot be stored in PostgreSQL text and are never meaningful in a name or note.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text as people type it: NFC-normalised, trimmed, no NUL, no lone surrogates. */
export function text(opts: { min?: number; max: number }) {
  return z
    .string()
    .refine((s) => !s.includes('\u0000'), { message: 'Darf kein Nullzeichen enthalten' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: 'Enthält ungültige Unicode-Zeichen' })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(opts.min ?? 0, { message: opts.min === 1 ? 'Pflichtfeld' : `Mindestens ${opts.min} Zeichen` })
        .max(opts.max, { message: `Höchstens ${opts.max} Zeichen` }),
    );
}

export const Email = z
  .string()
  .max(254, { message: 'Höchstens 254 Zeichen' })
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email({ message: 'Keine gültige E-Mail-Adresse' }));

export const Uuid = z.uuid({ message: 'Keine gültige ID' });
export const IdParams = z.strictObject({ id: Uuid });

/** Lists are paged; the sizes are bounded so that nobody can ask for a million rows (B-31). */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const IsoDateTime = z.string();
export const OkResponse = z.object({ ok: z.literal(true) });
