import { CONSENT_FORM_LANGUAGES, GOAL_STATUS_LABELS_DE, LIFE_DOMAIN_LABELS_DE, type GoalStatus, type LifeDomain } from '@teilhabe/shared';

/** Languages the standard texts of the Hilfeplan are printed in besides German: those of the consent form. */
export const HILFEPLAN_LANGUAGES = CONSENT_FORM_LANGUAGES;
export type HilfeplanLanguage = (typeof HILFEPLAN_LANGUAGES)[number];

/** Standard texts of the printed Hilfeplan (headings, labels, the explanation); goals themselves stay as written. */
export interface HilfeplanTexts {
  title: string;
  intro: string;
  person: string;
  birthDate: string;
  caseNumber: string;
  caseManager: string;
  goal: string;
  steps: string;
  responsible: string;
  due: string;
  status: string;
  noGoals: string;
  placeDate: string;
  signaturePerson: string;
  signatureCaseManager: string;
  domains: Record<LifeDomain, string>;
  statuses: Record<GoalStatus, string>;
}

const de: HilfeplanTexts = {
  title: 'Hilfeplan',
  intro:
    'Im Hilfeplan steht, welche Ziele Sie mit Ihrer Beraterin oder Ihrem Berater vereinbart haben, welche Schritte dafür nötig sind und welche Stelle dabei hilft. Wir prüfen den Plan regelmäßig gemeinsam und passen ihn an.',
  person: 'Person',
  birthDate: 'Geburtsdatum',
  caseNumber: 'Fallnummer',
  caseManager: 'Beratung durch',
  goal: 'Ziel',
  steps: 'Schritte',
  responsible: 'Zuständige Stelle',
  due: 'Bis',
  status: 'Stand / Zielerreichung',
  noGoals: 'Es sind noch keine Ziele vereinbart.',
  placeDate: 'Ort, Datum',
  signaturePerson: 'Unterschrift der Person',
  signatureCaseManager: 'Unterschrift der Beraterin / des Beraters',
  domains: LIFE_DOMAIN_LABELS_DE,
  statuses: GOAL_STATUS_LABELS_DE,
};

const en: HilfeplanTexts = {
  title: 'Support plan',
  intro:
    'The support plan records the goals you have agreed with your counsellor, the steps needed to reach them and which organisation helps with them. We review the plan together regularly and adjust it.',
  person: 'Person',
  birthDate: 'Date of birth',
  caseNumber: 'Case number',
  caseManager: 'Counsellor',
  goal: 'Goal',
  steps: 'Steps',
  responsible: 'Responsible organisation',
  due: 'Due',
  status: 'Status / attainment',
  noGoals: 'No goals have been agreed yet.',
  placeDate: 'Place, date',
  signaturePerson: 'Signature of the person',
  signatureCaseManager: 'Signature of the counsellor',
  domains: {
    residence: 'Residence',
    language: 'Language',
    education: 'Education / recognition',
    work: 'Work / training',
    income: 'Income / benefits',
    housing: 'Housing',
    health: 'Health',
    family: 'Family / children / day care / school',
    social: 'Social network',
  },
  statuses: { open: 'open', in_progress: 'in progress', achieved: 'achieved', partly_achieved: 'partly achieved', not_achieved: 'not achieved', dropped: 'dropped' },
};

const ar: HilfeplanTexts = {
  title: 'خطة المساعدة',
  intro:
    'تتضمن خطة المساعدة الأهداف التي اتفقت عليها مع المستشارة أو المستشار، والخطوات اللازمة لتحقيقها، والجهة التي تساعد في ذلك. نراجع الخطة معاً بانتظام ونعدّلها عند الحاجة.',
  person: 'الشخص',
  birthDate: 'تاريخ الميلاد',
  caseNumber: 'رقم الملف',
  caseManager: 'الاستشارة من قِبل',
  goal: 'الهدف',
  steps: 'الخطوات',
  responsible: 'الجهة المسؤولة',
  due: 'حتى تاريخ',
  status: 'الوضع / مدى تحقيق الهدف',
  noGoals: 'لم يتم الاتفاق على أهداف بعد.',
  placeDate: 'المكان، التاريخ',
  signaturePerson: 'توقيع الشخص المعني',
  signatureCaseManager: 'توقيع المستشارة / المستشار',
  domains: {
    residence: 'الإقامة',
    language: 'اللغة',
    education: 'التعليم / الاعتراف بالمؤهلات',
    work: 'العمل / التدريب المهني',
    income: 'الدخل / المساعدات',
    housing: 'السكن',
    health: 'الصحة',
    family: 'الأسرة / الأطفال / الحضانة / المدرسة',
    social: 'العلاقات الاجتماعية',
  },
  statuses: { open: 'مفتوح', in_progress: 'قيد التنفيذ', achieved: 'تحقق', partly_achieved: 'تحقق جزئياً', not_achieved: 'لم يتحقق', dropped: 'أُلغي' },
};

const fa: HilfeplanTexts = {
  title: 'برنامه‌ی کمک',
  intro:
    'در برنامه‌ی کمک آمده است که شما با مشاور خود بر سر چه اهدافی توافق کرده‌اید، چه گام‌هایی برای رسیدن به آن‌ها لازم است و کدام نهاد در این راه کمک می‌کند. ما برنامه را به‌طور منظم با هم بررسی و در صورت نیاز تنظیم می‌کنیم.',
  person: 'شخص',
  birthDate: 'تاریخ تولد',
  caseNumber: 'شماره‌ی پرونده',
  caseManager: 'مشاور',
  goal: 'هدف',
  steps: 'گام‌ها',
  responsible: 'نهاد مسئول',
  due: 'تا تاریخ',
  status: 'وضعیت / میزان دستیابی',
  noGoals: 'هنوز هیچ هدفی توافق نشده است.',
  placeDate: 'محل، تاریخ',
  signaturePerson: 'امضای شخص',
  signatureCaseManager: 'امضای مشاور',
  domains: {
    residence: 'اقامت',
    language: 'زبان',
    education: 'تحصیل / به رسمیت شناختن مدارک',
    work: 'کار / آموزش حرفه‌ای',
    income: 'درآمد / کمک‌های اجتماعی',
    housing: 'مسکن',
    health: 'سلامت',
    family: 'خانواده / کودکان / مهدکودک / مدرسه',
    social: 'روابط اجتماعی',
  },
  statuses: { open: 'باز', in_progress: 'در حال انجام', achieved: 'به دست آمد', partly_achieved: 'تا حدی به دست آمد', not_achieved: 'به دست نیامد', dropped: 'کنار گذاشته شد' },
};

const uk: HilfeplanTexts = {
  title: 'План допомоги',
  intro:
    'У плані допомоги записано, які цілі ви узгодили зі своєю консультанткою або своїм консультантом, які кроки для цього потрібні і яка установа в цьому допомагає. Ми регулярно разом переглядаємо план і за потреби змінюємо його.',
  person: 'Особа',
  birthDate: 'Дата народження',
  caseNumber: 'Номер справи',
  caseManager: 'Консультант(ка)',
  goal: 'Ціль',
  steps: 'Кроки',
  responsible: 'Відповідальна установа',
  due: 'До',
  status: 'Стан / досягнення цілі',
  noGoals: 'Цілі ще не узгоджено.',
  placeDate: 'Місце, дата',
  signaturePerson: 'Підпис особи',
  signatureCaseManager: 'Підпис консультанта(-ки)',
  domains: {
    residence: 'Перебування',
    language: 'Мова',
    education: 'Освіта / визнання кваліфікації',
    work: 'Робота / професійне навчання',
    income: 'Дохід / соціальні виплати',
    housing: 'Житло',
    health: 'Здоров’я',
    family: 'Сім’я / діти / дитсадок / школа',
    social: 'Соціальні зв’язки',
  },
  statuses: { open: 'відкрито', in_progress: 'у роботі', achieved: 'досягнуто', partly_achieved: 'частково досягнуто', not_achieved: 'не досягнуто', dropped: 'скасовано' },
};

const ru: HilfeplanTexts = {
  title: 'План помощи',
  intro:
    'В плане помощи записано, какие цели вы согласовали со своим консультантом, какие шаги для этого нужны и какое учреждение в этом помогает. Мы регулярно вместе проверяем план и при необходимости меняем его.',
  person: 'Лицо',
  birthDate: 'Дата рождения',
  caseNumber: 'Номер дела',
  caseManager: 'Консультант',
  goal: 'Цель',
  steps: 'Шаги',
  responsible: 'Ответственное учреждение',
  due: 'До',
  status: 'Состояние / достижение цели',
  noGoals: 'Цели ещё не согласованы.',
  placeDate: 'Место, дата',
  signaturePerson: 'Подпись лица',
  signatureCaseManager: 'Подпись консультанта',
  domains: {
    residence: 'Пребывание',
    language: 'Язык',
    education: 'Образование / признание квалификации',
    work: 'Работа / профессиональное обучение',
    income: 'Доход / социальные выплаты',
    housing: 'Жильё',
    health: 'Здоровье',
    family: 'Семья / дети / детский сад / школа',
    social: 'Социальные связи',
  },
  statuses: { open: 'открыто', in_progress: 'в работе', achieved: 'достигнуто', partly_achieved: 'частично достигнуто', not_achieved: 'не достигнуто', dropped: 'отменено' },
};

const tr: HilfeplanTexts = {
  title: 'Yardım planı',
  intro:
    'Yardım planında danışmanınızla birlikte hangi hedefler üzerinde anlaştığınız, bunlar için hangi adımların gerektiği ve hangi kurumun bu konuda yardımcı olduğu yazılıdır. Planı düzenli olarak birlikte gözden geçirir ve gerektiğinde değiştiririz.',
  person: 'Kişi',
  birthDate: 'Doğum tarihi',
  caseNumber: 'Dosya numarası',
  caseManager: 'Danışman',
  goal: 'Hedef',
  steps: 'Adımlar',
  responsible: 'Sorumlu kurum',
  due: 'Son tarih',
  status: 'Durum / hedefe ulaşma',
  noGoals: 'Henüz bir hedef üzerinde anlaşılmadı.',
  placeDate: 'Yer, tarih',
  signaturePerson: 'Kişinin imzası',
  signatureCaseManager: 'Danışmanın imzası',
  domains: {
    residence: 'Oturum',
    language: 'Dil',
    education: 'Eğitim / diploma tanınması',
    work: 'İş / mesleki eğitim',
    income: 'Gelir / sosyal yardımlar',
    housing: 'Konut',
    health: 'Sağlık',
    family: 'Aile / çocuklar / kreş / okul',
    social: 'Sosyal çevre',
  },
  statuses: { open: 'açık', in_progress: 'devam ediyor', achieved: 'ulaşıldı', partly_achieved: 'kısmen ulaşıldı', not_achieved: 'ulaşılamadı', dropped: 'vazgeçildi' },
};

export const HILFEPLAN_TEXTS: Record<HilfeplanLanguage, HilfeplanTexts> = { de, en, ar, fa, uk, ru, tr };

/** The language of the printed standard texts: the person's first language the Hilfeplan is translated into. */
export function hilfeplanLanguage(languages: { code: string }[]): HilfeplanLanguage {
  for (const { code } of languages) {
    const c = code === 'prs' ? 'fa' : code; // Dari readers read the Persian text
    if (c !== 'de' && (HILFEPLAN_LANGUAGES as readonly string[]).includes(c)) return c as HilfeplanLanguage;
  }
  return 'de';
}
