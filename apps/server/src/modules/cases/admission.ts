import { z } from 'zod';
import type { AdmissionCriterion } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { readSetting } from './cases.repository.js';

export const ADMISSION_CRITERIA_SETTING = 'kim.admission_criteria';

/** The Kreis' KIM target-group criteria checked in Clearing, unless the setting `kim.admission_criteria` replaces them. */
export const DEFAULT_ADMISSION_CRITERIA: AdmissionCriterion[] = [
  { code: 'max_3_years_in_kreis', label: 'höchstens 3 Jahre im Kreis', automatic: false },
  { code: 'no_other_case_management', label: 'kein anderes Fallmanagement (z. B. Jugendhilfe, Jobcenter-Fallmanagement)', automatic: false },
  { code: 'complex_needs', label: 'komplexer Unterstützungsbedarf in mehreren Lebensbereichen', automatic: false },
  { code: 'regular_services_insufficient', label: 'Regeldienste allein reichen nicht aus', automatic: false },
  { code: 'consent_to_cooperate', label: 'Einverständnis zur Zusammenarbeit', automatic: false },
];

const SettingShape = z.array(z.object({ code: z.string().regex(/^[a-z0-9_]{2,60}$/), label: z.string().min(1).max(300) })).min(1).max(20);

export async function admissionCriteria(ctx: AuthedContext): Promise<AdmissionCriterion[]> {
  const parsed = SettingShape.safeParse(await readSetting(ctx.tx, ADMISSION_CRITERIA_SETTING));
  return parsed.success ? parsed.data.map((c) => ({ ...c, automatic: false })) : DEFAULT_ADMISSION_CRITERIA;
}
