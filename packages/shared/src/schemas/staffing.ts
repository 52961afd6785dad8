import { z } from 'zod';
import { text, Uuid } from './common.js';
import { addMonthsIso, BudgetYear, Cents, FteMilli, IsoDate } from './funding.js';

/** Post types of a KI's Stellenplan; teachers are seconded by the school ministry and cost the Kreis nothing. */
export const POST_TYPES = ['social_work', 'teacher', 'administration', 'assistant', 'case_management', 'coordination'] as const;
export type PostType = (typeof POST_TYPES)[number];
export const POST_TYPE_LABELS_DE: Record<PostType, string> = {
  social_work: 'Sozialpädagogik/Soziale Arbeit',
  teacher: 'Lehrkraft (abgeordnet, Landesstelle)',
  administration: 'Verwaltung',
  assistant: 'Bürokraft/Assistenz',
  case_management: 'Case Management (KIM)',
  coordination: 'Koordination',
};
/** Post types whose salary the Kreis pays (teachers are paid by the Land). */
export function isKreisCost(type: PostType): boolean {
  return type !== 'teacher';
}

export const CONTRACT_ALERT_LEVELS = ['ended', 'within_3_months', 'within_6_months'] as const;
export type ContractAlertLevel = (typeof CONTRACT_ALERT_LEVELS)[number];
export const CONTRACT_ALERT_LABELS_DE: Record<ContractAlertLevel, string> = {
  ended: 'Vertrag ausgelaufen',
  within_3_months: 'Vertrag endet in weniger als 3 Monaten',
  within_6_months: 'Vertrag endet in weniger als 6 Monaten',
};

const PayGrade = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(z.string().regex(/^(EG|E|S|A|P) ?\d{1,2}[a-c]?( Ü)?$/, { message: 'Entgeltgruppe wie „EG 9c“, „S 12“ oder „E 13“' }));

export const CreatePostBody = z.strictObject({
  organisationId: Uuid,
  postNumber: text({ min: 1, max: 40 }),
  title: text({ min: 2, max: 200 }),
  postType: z.enum(POST_TYPES),
  fteMilli: FteMilli,
  payGrade: PayGrade,
  notes: text({ max: 2000 }).optional(),
});
export const UpdatePostBody = z.strictObject({
  organisationId: Uuid.optional(),
  postNumber: text({ min: 1, max: 40 }).optional(),
  title: text({ min: 2, max: 200 }).optional(),
  postType: z.enum(POST_TYPES).optional(),
  fteMilli: FteMilli.optional(),
  payGrade: PayGrade.optional(),
  notes: text({ max: 2000 }).optional(),
  active: z.boolean().optional(),
});

export const CreatePostFundingBody = z.strictObject({
  programmeId: Uuid,
  fteMilli: FteMilli,
  /** Defaults to the programme's flat rate in force on `validFrom`. */
  flatRatePerFteCents: Cents.optional(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable().optional(),
});
export const UpdatePostFundingBody = z.strictObject({
  fteMilli: FteMilli.optional(),
  flatRatePerFteCents: Cents.optional(),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.nullable().optional(),
});

export const CreateOccupancyBody = z.strictObject({
  holderName: text({ min: 2, max: 200 }),
  fteMilli: FteMilli,
  contractStart: IsoDate,
  contractEnd: IsoDate.nullable().optional(),
});
export const UpdateOccupancyBody = CreateOccupancyBody.partial();

export const CreatePayGradeCostBody = z.strictObject({ year: BudgetYear, payGrade: PayGrade, annualCostCents: Cents });
export const UpdatePayGradeCostBody = z.strictObject({ annualCostCents: Cents });

export const PostListQuery = z.strictObject({ year: BudgetYear.optional(), organisationId: Uuid.optional() });
export const PayGradeQuery = z.strictObject({ year: BudgetYear.optional() });

export const PostFunding = z.object({
  id: z.string(),
  programme: z.object({ id: z.string(), name: z.string(), shortName: z.string() }),
  fteMilli: z.number().int(),
  flatRatePerFteCents: z.number().int(),
  /** Flat rate × funded FTE for a whole year: 57.000 € × 0,5 = 28.500 €. */
  annualFundingCents: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  version: z.number().int(),
});
export type PostFunding = z.infer<typeof PostFunding>;

export const Occupancy = z.object({
  id: z.string(),
  holderName: z.string(),
  fteMilli: z.number().int(),
  contractStart: z.string(),
  contractEnd: z.string().nullable(),
  fixedTerm: z.boolean(),
  alert: z.enum(CONTRACT_ALERT_LEVELS).nullable(),
  version: z.number().int(),
});
export type Occupancy = z.infer<typeof Occupancy>;

export const Vacancy = z.object({ from: z.string(), to: z.string().nullable() });

export const PostYearFigures = z.object({
  year: z.number().int(),
  occupiedMonths: z.number().int(),
  costCents: z.number().int(),
  fundingCents: z.number().int(),
  payGradeCostKnown: z.boolean(),
});

export const Post = z.object({
  id: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  postNumber: z.string(),
  title: z.string(),
  postType: z.enum(POST_TYPES),
  fteMilli: z.number().int(),
  payGrade: z.string(),
  kreisCost: z.boolean(),
  notes: z.string(),
  active: z.boolean(),
  fundings: z.array(PostFunding),
  occupancies: z.array(Occupancy),
  vacancies: z.array(Vacancy),
  figures: PostYearFigures,
  alert: z.object({ level: z.enum(CONTRACT_ALERT_LEVELS), contractEnd: z.string(), holderName: z.string() }).nullable(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean() }),
});
export type Post = z.infer<typeof Post>;

export const PostList = z.object({
  year: z.number().int(),
  items: z.array(Post),
  totals: z.object({ fteMilli: z.number().int(), costCents: z.number().int(), fundingCents: z.number().int() }),
});

export const PayGradeCost = z.object({
  id: z.string(),
  year: z.number().int(),
  payGrade: z.string(),
  annualCostCents: z.number().int(),
  version: z.number().int(),
});
export type PayGradeCost = z.infer<typeof PayGradeCost>;

export const ContractAlert = z.object({
  postId: z.string(),
  postNumber: z.string(),
  postTitle: z.string(),
  occupancyId: z.string(),
  holderName: z.string(),
  contractEnd: z.string(),
  level: z.enum(CONTRACT_ALERT_LEVELS),
});
export type ContractAlert = z.infer<typeof ContractAlert>;

/** The alert level of a contract end seen from `today` (ISO dates): 6 and 3 months ahead, or already over. */
export function contractAlertLevel(contractEnd: string | null, today: string): ContractAlertLevel | null {
  if (!contractEnd) return null;
  if (contractEnd < today) return 'ended';
  if (contractEnd <= addMonthsIso(today, 3)) return 'within_3_months';
  if (contractEnd <= addMonthsIso(today, 6)) return 'within_6_months';
  return null;
}
