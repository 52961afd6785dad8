import type { Handlungsfeld, OrganisationKind, Schedule, TargetGroup, TranslationLang } from '@teilhabe/shared';
import type { DbOrTx } from '../platform/db/client.js';
import { directoryContacts, directoryProfiles, offerLocations, offers, offerTranslations } from '../modules/directory/directory.schema.js';
import { surveyResponses, surveys } from '../modules/surveys/surveys.schema.js';
import { SURVEY_TEMPLATE_DEFS } from '../modules/surveys/surveys.templates.js';
import { makeOrganisation, type KreisTree } from './factories.js';
import { gemeindeByAgs } from './geo.js';

/** Deterministic PRNG (mulberry32): the same demo on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    sample: <T>(xs: readonly T[], n: number): T[] => {
      const copy = [...xs];
      const out: T[] = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]!);
      return out;
    },
  };
}
export type Rng = ReturnType<typeof prng>;

type Translations = Partial<Record<TranslationLang, [string, string]>>;
interface OfferTemplate {
  title: string;
  description: string;
  fields: Handlungsfeld[];
  groups: TargetGroup[];
  age?: [number | null, number | null];
  languages: string[];
  cost?: 'free' | 'reduced' | 'paid';
  costCents?: number;
  schedule: 'weekly' | 'monthly' | 'dated' | 'none';
  registration?: boolean;
  providerKinds: OrganisationKind[];
  tr?: Translations;
}

/** Fictional offers typical for a Kreis; several exist twice in one Gemeinde on purpose (possible Doppelstrukturen). */
export const OFFER_TEMPLATES: OfferTemplate[] = [
  {
    title: 'Sprachcafé',
    description: 'Deutsch sprechen üben in entspannter Runde bei Kaffee und Tee. Alle Niveaus sind willkommen, Ehrenamtliche helfen weiter.',
    fields: ['sprache'],
    groups: ['erwachsene', 'neuzugewanderte'],
    languages: ['de'],
    schedule: 'weekly',
    providerKinds: ['verein', 'wohlfahrtsverband', 'kommune'],
    tr: {
      en: ['Language café', 'Practise speaking German in a relaxed group over coffee and tea. All levels are welcome; volunteers help you along.'],
      ar: ['مقهى اللغة', 'تدرّب على التحدث بالألمانية في جو مريح مع القهوة والشاي. جميع المستويات مرحب بها، ويساعدك المتطوعون.'],
      uk: ['Мовне кафе', 'Практикуйте німецьку мову в невимушеній атмосфері за кавою та чаєм. Запрошуємо всі рівні.'],
      'de-LS': ['Sprach-Café', 'Hier üben Sie Deutsch sprechen.\nSie trinken Kaffee oder Tee.\nSie brauchen keine Vorkenntnisse.'],
    },
  },
  {
    title: 'Deutschkurs für Frauen mit Kinderbetreuung',
    description: 'Deutschkurs am Vormittag für Mütter. Während des Kurses werden die Kinder im Nebenraum betreut. Einstieg nach Absprache.',
    fields: ['sprache'],
    groups: ['frauen', 'eltern'],
    languages: ['de', 'ar', 'fa'],
    schedule: 'weekly',
    registration: true,
    providerKinds: ['wohlfahrtsverband', 'sprachkurstraeger', 'verein'],
    tr: {
      en: ['German course for women with childcare', 'Morning German course for mothers. Children are looked after next door during the lesson.'],
      ar: ['دورة لغة ألمانية للنساء مع رعاية الأطفال', 'دورة صباحية لتعلم الألمانية للأمهات. يتم الاعتناء بالأطفال في الغرفة المجاورة أثناء الدرس.'],
      fa: ['کلاس زبان آلمانی برای زنان همراه با مراقبت از کودک', 'کلاس صبحگاهی آلمانی برای مادران. در طول کلاس از کودکان در اتاق کناری مراقبت می‌شود.'],
      tr: ['Çocuk bakımlı kadınlar için Almanca kursu', 'Anneler için sabah Almanca kursu. Ders sırasında çocuklara yan odada bakılır.'],
    },
  },
  {
    title: 'Alphabetisierungskurs',
    description: 'Lesen und Schreiben in lateinischer Schrift lernen, in kleinen Gruppen und mit viel Geduld.',
    fields: ['sprache', 'bildung'],
    groups: ['erwachsene'],
    languages: ['de', 'ar', 'ti'],
    schedule: 'weekly',
    registration: true,
    providerKinds: ['sprachkurstraeger'],
    tr: {
      en: ['Literacy course', 'Learn to read and write in Latin script, in small groups and with plenty of patience.'],
      ar: ['دورة محو الأمية', 'تعلّم القراءة والكتابة بالحروف اللاتينية في مجموعات صغيرة وبصبر كبير.'],
    },
  },
  {
    title: 'Hausaufgabenhilfe',
    description: 'Ehrenamtliche unterstützen Schülerinnen und Schüler bei den Hausaufgaben und beim Lernen für Klassenarbeiten.',
    fields: ['bildung'],
    groups: ['kinder', 'jugendliche'],
    age: [6, 16],
    languages: ['de'],
    schedule: 'weekly',
    providerKinds: ['verein', 'schule', 'wohlfahrtsverband'],
    tr: {
      en: ['Homework help', 'Volunteers help pupils with their homework and with preparing for tests.'],
      ar: ['المساعدة في الواجبات المدرسية', 'يساعد متطوعون التلاميذ في واجباتهم المدرسية والتحضير للاختبارات.'],
      uk: ['Допомога з домашніми завданнями', 'Волонтери допомагають школярам з домашніми завданнями та підготовкою до контрольних.'],
    },
  },
  {
    title: 'Rucksack Schule – Elternbegleitung',
    description: 'Eltern treffen sich wöchentlich in der Grundschule und lernen, wie sie ihre Kinder in der Familiensprache und auf Deutsch begleiten.',
    fields: ['bildung', 'familie_fruehe_hilfen'],
    groups: ['eltern', 'familien'],
    languages: ['de', 'tr', 'ar'],
    schedule: 'weekly',
    providerKinds: ['schule', 'wohlfahrtsverband'],
  },
  {
    title: 'Griffbereit – Eltern-Kind-Gruppe',
    description: 'Spielgruppe für Eltern mit Kindern von 1 bis 3 Jahren, mehrsprachig begleitet von einer Elternbegleiterin.',
    fields: ['familie_fruehe_hilfen'],
    groups: ['eltern', 'kinder'],
    age: [1, 3],
    languages: ['de', 'ar', 'ru'],
    schedule: 'weekly',
    providerKinds: ['kita', 'wohlfahrtsverband'],
    tr: {
      en: ['Griffbereit parent-and-child group', 'Play group for parents with children aged 1 to 3, led in several languages by a trained parent guide.'],
      ar: ['مجموعة الأهل والطفل "غريف بِرايت"', 'مجموعة لعب للأهالي مع أطفال من عمر سنة إلى ثلاث سنوات بمرافقة مرشدة متعددة اللغات.'],
      ru: ['Группа «Griffbereit» для родителей с детьми', 'Игровая группа для родителей с детьми от 1 до 3 лет, с многоязычной поддержкой.'],
    },
  },
  {
    title: 'Elterncafé',
    description: 'Offener Treffpunkt für Eltern: Austausch, Informationen zu Kita und Schule, Kinderbetreuung vor Ort.',
    fields: ['familie_fruehe_hilfen'],
    groups: ['eltern', 'familien'],
    languages: ['de', 'ar', 'tr', 'uk'],
    schedule: 'monthly',
    providerKinds: ['kita', 'kommune', 'verein'],
    tr: {
      en: ['Parents’ café', 'Open meeting place for parents: exchange, information about day care and school, childcare on site.'],
      ar: ['مقهى الأهل', 'ملتقى مفتوح للأهالي: تبادل الخبرات ومعلومات عن الحضانة والمدرسة، مع رعاية للأطفال.'],
    },
  },
  {
    title: 'Bewerbungstraining',
    description: 'Lebenslauf, Anschreiben und Vorstellungsgespräch: Wir üben gemeinsam und erstellen Ihre Bewerbungsunterlagen.',
    fields: ['arbeit_ausbildung'],
    groups: ['erwachsene', 'junge_erwachsene'],
    age: [16, 64],
    languages: ['de', 'en'],
    schedule: 'dated',
    registration: true,
    providerKinds: ['beratungsstelle', 'jobcenter', 'wohlfahrtsverband'],
    tr: {
      en: ['Job application training', 'CV, cover letter and job interview: we practise together and prepare your application documents.'],
      ar: ['تدريب على طلبات التوظيف', 'السيرة الذاتية ورسالة التقديم ومقابلة العمل: نتدرب معاً ونجهّز ملف طلبك.'],
      uk: ['Тренінг з подання заявок на роботу', 'Резюме, супровідний лист і співбесіда: тренуємося разом і готуємо ваші документи.'],
    },
  },
  {
    title: 'Anerkennungsberatung für ausländische Berufsabschlüsse',
    description: 'Beratung zur Anerkennung von Schul-, Studien- und Berufsabschlüssen aus dem Ausland und zu Anpassungsqualifizierungen.',
    fields: ['arbeit_ausbildung', 'beratung'],
    groups: ['erwachsene', 'fachkraefte'],
    languages: ['de', 'en', 'ru', 'uk'],
    schedule: 'weekly',
    registration: true,
    providerKinds: ['beratungsstelle', 'unternehmen'],
    tr: {
      en: ['Advice on recognition of foreign qualifications', 'Advice on recognition of school, university and vocational qualifications obtained abroad.'],
      ar: ['استشارة حول الاعتراف بالشهادات الأجنبية', 'استشارة حول الاعتراف بالشهادات المدرسية والجامعية والمهنية من الخارج.'],
    },
  },
  {
    title: 'Jobcafé für Geflüchtete',
    description: 'Offene Sprechstunde rund um Arbeit, Praktikum und Ausbildung mit Stellenangeboten aus der Region.',
    fields: ['arbeit_ausbildung'],
    groups: ['gefluechtete', 'junge_erwachsene'],
    languages: ['de', 'ar', 'fa', 'uk'],
    schedule: 'weekly',
    providerKinds: ['jobcenter', 'verein', 'beratungsstelle'],
  },
  {
    title: 'Berufsorientierung „Durchstarten“',
    description: 'Coaching für junge Geduldete und Gestattete von 18 bis 27 Jahren auf dem Weg in Ausbildung und Arbeit.',
    fields: ['arbeit_ausbildung', 'aufenthalt_recht'],
    groups: ['junge_erwachsene', 'gefluechtete'],
    age: [18, 27],
    languages: ['de', 'ar', 'fa', 'ps'],
    schedule: 'none',
    registration: true,
    providerKinds: ['beratungsstelle', 'wohlfahrtsverband'],
  },
  {
    title: 'Mietführerschein',
    description: 'Kurs in vier Terminen: Mietvertrag, Nebenkosten, Mülltrennung, Nachbarschaft. Mit Teilnahmebescheinigung für Vermieter.',
    fields: ['wohnen'],
    groups: ['erwachsene', 'gefluechtete'],
    languages: ['de', 'ar', 'uk'],
    schedule: 'dated',
    registration: true,
    providerKinds: ['wohlfahrtsverband', 'kommune'],
    tr: {
      en: ['Tenancy licence course', 'Four sessions on tenancy agreements, service charges, waste separation and neighbourhood. Certificate for landlords.'],
      ar: ['رخصة الاستئجار', 'دورة من أربع جلسات: عقد الإيجار والتكاليف الإضافية وفرز النفايات والجيرة، مع شهادة للمؤجرين.'],
    },
  },
  {
    title: 'Sprechstunde Wohnungssuche',
    description: 'Hilfe bei der Suche nach einer Wohnung, beim Wohnberechtigungsschein und bei Gesprächen mit Vermietern.',
    fields: ['wohnen', 'beratung'],
    groups: ['erwachsene', 'familien'],
    languages: ['de', 'en', 'ar'],
    schedule: 'weekly',
    providerKinds: ['kommune', 'wohlfahrtsverband'],
  },
  {
    title: 'Gesundheitslotsen',
    description: 'Geschulte Lotsinnen und Lotsen erklären das Gesundheitssystem in der Muttersprache und begleiten zu Arztterminen.',
    fields: ['gesundheit'],
    groups: ['erwachsene', 'senioren'],
    languages: ['de', 'tr', 'ar', 'ru'],
    schedule: 'monthly',
    providerKinds: ['migrantenorganisation', 'wohlfahrtsverband'],
    tr: {
      en: ['Health guides', 'Trained guides explain the German health system in your language and accompany you to doctor’s appointments.'],
      ar: ['مرشدو الصحة', 'مرشدون مدرَّبون يشرحون النظام الصحي بلغتك الأم ويرافقونك إلى مواعيد الطبيب.'],
      tr: ['Sağlık rehberleri', 'Eğitimli rehberler sağlık sistemini ana dilinizde anlatır ve doktor randevularına eşlik eder.'],
    },
  },
  {
    title: 'Psychosoziale Beratung für Geflüchtete',
    description: 'Vertrauliche Beratung bei Belastungen, Schlafproblemen und nach traumatischen Erlebnissen, auf Wunsch mit Sprachmittlung.',
    fields: ['gesundheit', 'beratung'],
    groups: ['gefluechtete'],
    languages: ['de', 'ar', 'fa', 'uk', 'ku'],
    schedule: 'none',
    registration: true,
    providerKinds: ['beratungsstelle', 'wohlfahrtsverband'],
  },
  {
    title: 'Migrationsberatung für Erwachsene (MBE)',
    description: 'Beratung zu Sprachkurs, Arbeit, Aufenthalt, Familie und Behörden für Zugewanderte ab 27 Jahren.',
    fields: ['beratung', 'aufenthalt_recht'],
    groups: ['erwachsene', 'neuzugewanderte'],
    age: [27, null],
    languages: ['de', 'en', 'ar', 'ru', 'tr'],
    schedule: 'weekly',
    providerKinds: ['beratungsstelle', 'wohlfahrtsverband'],
    tr: {
      en: ['Migration advice for adults (MBE)', 'Advice on language courses, work, residence, family and public authorities for immigrants aged 27 and over.'],
      ar: ['استشارة الهجرة للبالغين', 'استشارة حول دورات اللغة والعمل والإقامة والأسرة والدوائر الرسمية للمهاجرين من عمر 27 عاماً.'],
      ru: ['Миграционная консультация для взрослых', 'Консультации по языковым курсам, работе, пребыванию, семье и ведомствам для мигрантов от 27 лет.'],
      tr: ['Yetişkinler için göç danışmanlığı', '27 yaş üstü göçmenler için dil kursu, iş, oturum, aile ve resmi kurumlar hakkında danışmanlık.'],
    },
  },
  {
    title: 'Jugendmigrationsdienst – offene Sprechstunde',
    description: 'Beratung und Begleitung für junge Menschen von 12 bis 27 Jahren mit Einwanderungsgeschichte: Schule, Ausbildung, Alltag.',
    fields: ['beratung', 'bildung'],
    groups: ['jugendliche', 'junge_erwachsene'],
    age: [12, 27],
    languages: ['de', 'en', 'ar', 'fa'],
    schedule: 'weekly',
    providerKinds: ['beratungsstelle'],
    tr: {
      en: ['Youth migration service – open consultation', 'Advice and support for young people aged 12 to 27 with a migration background: school, training, everyday life.'],
      ar: ['خدمة هجرة الشباب – ساعة استشارة مفتوحة', 'استشارة ومرافقة للشباب من 12 إلى 27 عاماً: المدرسة والتدريب المهني والحياة اليومية.'],
    },
  },
  {
    title: 'Sozialberatung',
    description: 'Hilfe bei Anträgen, Briefen von Behörden, Bürgergeld und Kindergeld. Ohne Termin in der offenen Sprechstunde.',
    fields: ['beratung'],
    groups: [],
    languages: ['de', 'ar', 'tr'],
    schedule: 'weekly',
    providerKinds: ['wohlfahrtsverband', 'kommune'],
  },
  {
    title: 'Interkultureller Garten',
    description: 'Gemeinsam gärtnern, ernten und kochen. Jede Familie kann ein Beet übernehmen.',
    fields: ['freizeit_sport_kultur'],
    groups: ['familien', 'erwachsene'],
    languages: ['de'],
    schedule: 'weekly',
    providerKinds: ['verein'],
    tr: {
      en: ['Intercultural garden', 'Garden, harvest and cook together. Every family can take on a bed of its own.'],
      ar: ['الحديقة المشتركة بين الثقافات', 'نزرع ونحصد ونطبخ معاً. يمكن لكل عائلة أن تعتني بحوض خاص بها.'],
    },
  },
  {
    title: 'Fußball für alle',
    description: 'Offenes Fußballtraining für Kinder und Jugendliche, egal woher sie kommen. Sportkleidung kann geliehen werden.',
    fields: ['freizeit_sport_kultur'],
    groups: ['kinder', 'jugendliche'],
    age: [8, 17],
    languages: ['de'],
    schedule: 'weekly',
    providerKinds: ['verein'],
  },
  {
    title: 'Schwimmkurs für Frauen',
    description: 'Schwimmen lernen in geschütztem Rahmen mit Trainerin, nur für Frauen.',
    fields: ['freizeit_sport_kultur', 'gesundheit'],
    groups: ['frauen'],
    age: [16, null],
    languages: ['de', 'ar'],
    cost: 'reduced',
    costCents: 2500,
    schedule: 'dated',
    registration: true,
    providerKinds: ['verein'],
  },
  {
    title: 'Internationaler Kochtreff',
    description: 'Jeden Monat kocht eine andere Gruppe Gerichte aus ihrer Heimat. Danach wird gemeinsam gegessen.',
    fields: ['freizeit_sport_kultur'],
    groups: [],
    languages: ['de'],
    cost: 'paid',
    costCents: 500,
    schedule: 'monthly',
    providerKinds: ['migrantenorganisation', 'verein'],
  },
  {
    title: 'Nähcafé',
    description: 'Nähen, reparieren und Deutsch sprechen. Nähmaschinen sind vorhanden.',
    fields: ['freizeit_sport_kultur', 'sprache'],
    groups: ['frauen'],
    languages: ['de', 'fa', 'ar'],
    schedule: 'weekly',
    providerKinds: ['verein', 'wohlfahrtsverband'],
  },
  {
    title: 'Ehrenamtsbörse Integration',
    description: 'Sie möchten sich engagieren? Wir vermitteln Patenschaften, Sprachbegleitungen und Hausaufgabenhilfen.',
    fields: ['ehrenamt'],
    groups: ['ehrenamtliche'],
    languages: ['de'],
    schedule: 'monthly',
    providerKinds: ['kommune', 'verein'],
  },
  {
    title: 'Qualifizierung für Ehrenamtliche in der Flüchtlingshilfe',
    description: 'Fortbildungsreihe zu Asylrecht, interkultureller Kommunikation und Selbstfürsorge.',
    fields: ['ehrenamt', 'aufenthalt_recht'],
    groups: ['ehrenamtliche', 'fachkraefte'],
    languages: ['de'],
    schedule: 'dated',
    registration: true,
    providerKinds: ['wohlfahrtsverband', 'kommune'],
  },
  {
    title: 'Beratung bei Diskriminierung',
    description: 'Sie haben Diskriminierung erlebt – bei der Wohnungssuche, am Arbeitsplatz oder im Alltag? Wir beraten vertraulich.',
    fields: ['antidiskriminierung', 'beratung'],
    groups: [],
    languages: ['de', 'en', 'ar', 'tr'],
    schedule: 'none',
    providerKinds: ['beratungsstelle', 'wohlfahrtsverband'],
    tr: {
      en: ['Advice on discrimination', 'Have you experienced discrimination when looking for a flat, at work or in everyday life? We offer confidential advice.'],
      ar: ['استشارة عند التمييز', 'هل تعرضت للتمييز أثناء البحث عن سكن أو في العمل أو في الحياة اليومية؟ نقدم استشارة سرية.'],
    },
  },
  {
    title: 'Asylverfahrensberatung',
    description: 'Unabhängige Beratung zum Asylverfahren, zur Anhörung und zu Bescheiden des BAMF.',
    fields: ['aufenthalt_recht', 'beratung'],
    groups: ['gefluechtete'],
    languages: ['de', 'ar', 'fa', 'ti', 'fr'],
    schedule: 'weekly',
    providerKinds: ['beratungsstelle', 'wohlfahrtsverband'],
    tr: {
      en: ['Asylum procedure counselling', 'Independent advice on the asylum procedure, the interview and decisions of the BAMF.'],
      ar: ['استشارة إجراءات اللجوء', 'استشارة مستقلة حول إجراءات اللجوء والمقابلة وقرارات المكتب الاتحادي للهجرة.'],
      fa: ['مشاوره روند پناهندگی', 'مشاوره مستقل درباره روند پناهندگی، مصاحبه و تصمیمات اداره فدرال مهاجرت.'],
    },
  },
  {
    title: 'Informationsabend Einbürgerung',
    description: 'Voraussetzungen, Einbürgerungstest und Ablauf: Die Einbürgerungsbehörde informiert und beantwortet Fragen.',
    fields: ['aufenthalt_recht'],
    groups: ['erwachsene'],
    languages: ['de'],
    schedule: 'dated',
    registration: true,
    providerKinds: ['auslaenderbehoerde', 'kommune'],
  },
];

interface Provider {
  id: string;
  kind: OrganisationKind;
  ags: string | null;
  name: string;
}

const STREETS = ['Hauptstraße', 'Kirchplatz', 'Am Rathaus', 'Schulstraße', 'Bahnhofstraße', 'Marktplatz', 'Lindenallee', 'Gartenweg', 'Siegstraße', 'Rheinstraße'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const CONTACT_NAMES = [
  'Anna Schäfer', 'Yusuf Demir', 'Katharina Wolf', 'Mehmet Aksoy', 'Julia Krämer', 'Rania Haddad', 'Stefan Becker', 'Olga Melnyk',
  'Fatma Yıldız', 'Thomas Richter', 'Leila Ahmadi', 'Sabine Koch', 'Ibrahim Saleh', 'Claudia Neumann', 'Darya Shevchenko', 'Markus Lange',
  'Aylin Çelik', 'Petra Hoffmann', 'Nour Al-Khatib', 'Jens Fischer',
];

function scheduleFor(kind: OfferTemplate['schedule'], rng: Rng, now: Date): Schedule {
  const hour = rng.pick([9, 10, 14, 15, 16, 17, 18]);
  const start = `${String(hour).padStart(2, '0')}:${rng.pick(['00', '30'])}`;
  const end = `${String(hour + rng.int(1, 2)).padStart(2, '0')}:${start.slice(3)}`;
  if (kind === 'weekly') {
    const days = rng.sample(WEEKDAYS, rng.chance(0.25) ? 2 : 1).sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
    return { kind: 'recurring', rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')}`, startTime: start, endTime: end };
  }
  if (kind === 'monthly') return { kind: 'recurring', rrule: `FREQ=MONTHLY;BYDAY=${rng.pick(['1', '2', '3', '-1'])}${rng.pick(WEEKDAYS)}`, startTime: start, endTime: end };
  if (kind === 'dated') {
    const first = new Date(now.getTime() + rng.int(7, 60) * 86_400_000);
    const dates = Array.from({ length: rng.int(1, 4) }, (_, i) => {
      const day = new Date(first.getTime() + i * 7 * 86_400_000).toISOString().slice(0, 10);
      // Berlin local time; the offset is right for the winter or summer half of the year.
      const month = Number(day.slice(5, 7));
      const offset = month >= 4 && month <= 10 ? '+02:00' : '+01:00';
      return { start: `${day}T${start}:00${offset}`, end: `${day}T${end}:00${offset}` };
    });
    return { kind: 'dated', dates };
  }
  return { kind: 'none', note: 'Termine nach Vereinbarung' };
}

/** Gemeinden and Handlungsfelder left empty on purpose, so the coverage matrix shows gaps. */
const GAPS: Record<string, Handlungsfeld[]> = {
  '05382036': ['wohnen', 'antidiskriminierung', 'gesundheit', 'aufenthalt_recht'], // Much
  '05382052': ['wohnen', 'antidiskriminierung', 'arbeit_ausbildung', 'ehrenamt'], // Ruppichteroth
  '05382076': ['antidiskriminierung', 'wohnen', 'familie_fruehe_hilfen'], // Windeck
  '05382064': ['antidiskriminierung', 'gesundheit'], // Swisttal
  '05382072': ['antidiskriminierung', 'arbeit_ausbildung'], // Wachtberg
  '05382040': ['antidiskriminierung', 'wohnen'], // Neunkirchen-Seelscheid
};

export interface GeneratedOffer {
  values: typeof offers.$inferInsert;
  location: Omit<typeof offerLocations.$inferInsert, 'offerId'>;
  translations: { lang: string; title: string; description: string }[];
}

/** Builds offers for the Kommunen: more in larger towns, gaps where GAPS says, a few deliberate near-duplicates. */
export function generateOffers(
  rng: Rng,
  kommunen: { id: string; ags: string; population: number }[],
  providers: Provider[],
  opts: { perLargestTown: number; allPublished?: boolean; now?: Date },
): GeneratedOffer[] {
  const now = opts.now ?? new Date();
  const largest = Math.max(...kommunen.map((k) => k.population));
  const out: GeneratedOffer[] = [];
  for (const k of kommunen) {
    const g = gemeindeByAgs(k.ags);
    const gaps = new Set(GAPS[k.ags] ?? []);
    const eligible = OFFER_TEMPLATES.filter((tpl) => tpl.fields.every((f) => !gaps.has(f)));
    const n = Math.max(4, Math.round((opts.perLargestTown * k.population) / largest));
    const local = providers.filter((p) => p.ags === k.ags);
    const kreisWide = providers.filter((p) => p.ags === null);
    for (let i = 0; i < n; i++) {
      const tpl = rng.pick(eligible);
      const candidates = [...local, ...kreisWide].filter((p) => tpl.providerKinds.includes(p.kind));
      const provider = candidates.length ? rng.pick(candidates) : rng.pick(local.length ? local : kreisWide);
      const place = g?.name ?? k.ags;
      const status = opts.allPublished ? 'published' : rng.chance(0.86) ? 'published' : rng.chance(0.7) ? 'draft' : 'archived';
      const reviewedDaysAgo = rng.chance(0.12) ? rng.int(190, 400) : rng.int(1, 170);
      const reviewed = new Date(now.getTime() - reviewedDaysAgo * 86_400_000);
      const centroid = g?.centroid ?? { lat: 50.8, lon: 7.2 };
      const withAddress = rng.chance(0.7);
      out.push({
        values: {
          organisationId: provider.id,
          status,
          title: rng.chance(0.5) ? `${tpl.title} ${place}` : tpl.title,
          description: tpl.description,
          handlungsfelder: tpl.fields,
          targetGroups: tpl.groups,
          ageMin: tpl.age?.[0] ?? null,
          ageMax: tpl.age?.[1] ?? null,
          genders: tpl.groups.includes('frauen') ? ['female'] : [],
          residenceStatuses: tpl.groups.includes('gefluechtete') && rng.chance(0.5) ? ['aufenthaltsgestattung', 'duldung', 'aufenthaltserlaubnis', 'schutz_ukraine'] : [],
          languages: tpl.languages,
          costKind: tpl.cost ?? 'free',
          costCents: tpl.costCents ?? null,
          costNote: tpl.cost === 'reduced' ? 'Ermäßigung mit Bonus- oder Leistungsbescheid' : '',
          schedule: scheduleFor(tpl.schedule, rng, now),
          barrierFree: rng.pick(['yes', 'yes', 'partial', 'no', 'unknown'] as const),
          registrationRequired: tpl.registration ?? false,
          registrationNote: tpl.registration ? 'Anmeldung per Telefon oder E-Mail' : '',
          contactEmail: `angebote@${provider.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '').slice(0, 30)}.example`,
          contactPhone: `0224${rng.int(1, 9)} ${rng.int(100, 999)}-${rng.int(10, 99)}`,
          validFrom: null,
          validTo: rng.chance(0.15) ? new Date(now.getTime() + rng.int(60, 300) * 86_400_000).toISOString().slice(0, 10) : null,
          internalNote: rng.chance(0.2) ? 'Förderung läuft zum Jahresende aus – Verlängerung klären.' : '',
          lastReviewedAt: reviewed,
          publishedAt: status === 'published' ? reviewed : null,
          createdAt: new Date(reviewed.getTime() - rng.int(0, 200) * 86_400_000),
        },
        location: withAddress
          ? {
              ags: k.ags,
              label: provider.name,
              street: `${rng.pick(STREETS)} ${rng.int(1, 80)}`,
              postalCode: String(gemeindeZip(k.ags) ?? ''),
              city: place,
              lat: centroid.lat + (rng.next() - 0.5) * 0.012,
              lon: centroid.lon + (rng.next() - 0.5) * 0.018,
              geocoded: 'address',
            }
          : { ags: k.ags, label: null, street: null, postalCode: null, city: place, lat: centroid.lat, lon: centroid.lon, geocoded: 'centroid' },
        translations: Object.entries(tpl.tr ?? {}).map(([lang, [title, description]]) => ({ lang, title, description })),
      });
    }
  }
  return out;
}

const ZIPS: Record<string, string> = {
  '05382004': '53347', '05382008': '53604', '05382012': '53332', '05382016': '53783', '05382020': '53773', '05382024': '53639',
  '05382028': '53797', '05382032': '53340', '05382036': '53804', '05382040': '53819', '05382044': '53859', '05382048': '53359',
  '05382052': '53809', '05382056': '53757', '05382060': '53721', '05382064': '53913', '05382068': '53840', '05382072': '53343',
  '05382076': '51570',
};
function gemeindeZip(ags: string): string | undefined {
  return ZIPS[ags];
}

export async function insertGeneratedOffers(db: DbOrTx, list: GeneratedOffer[], chunk = 500) {
  for (let i = 0; i < list.length; i += chunk) {
    const part = list.slice(i, i + chunk);
    const ids = await db.insert(offers).values(part.map((o) => o.values)).returning({ id: offers.id });
    await db.insert(offerLocations).values(part.map((o, j) => ({ ...o.location, offerId: ids[j]!.id })));
    const translations = part.flatMap((o, j) => o.translations.map((t) => ({ ...t, offerId: ids[j]!.id })));
    if (translations.length) await db.insert(offerTranslations).values(translations);
  }
}

/** Akteure of the demo Kreis: a few Kreis-wide providers and several local ones per Kommune, with profiles and contacts. */
export async function makeDemoProviders(db: DbOrTx, tree: KreisTree, rng: Rng): Promise<Provider[]> {
  const providers: Provider[] = [];
  const kreisWide: [string, OrganisationKind][] = [
    ['Migrationsberatung Rhein-Sieg (Demo)', 'beratungsstelle'],
    ['Jugendmigrationsdienst Sieg (Demo)', 'beratungsstelle'],
    ['Sprachschule Sieg-Rhein (Demo)', 'sprachkurstraeger'],
    ['Netzwerk Gesundheit und Migration e. V. (Demo)', 'migrantenorganisation'],
    ['Antidiskriminierungsstelle Sieg (Demo)', 'beratungsstelle'],
  ];
  for (const [name, kind] of kreisWide) {
    const org = await makeOrganisation(db, { name, kind, parentId: tree.kreis.id });
    providers.push({ id: org.id, kind, ags: null, name });
  }
  providers.push({ id: tree.orgs.traeger!.id, kind: 'wohlfahrtsverband', ags: null, name: tree.orgs.traeger!.name });
  providers.push({ id: tree.orgs.jobcenter!.id, kind: 'jobcenter', ags: null, name: tree.orgs.jobcenter!.name });
  providers.push({ id: tree.orgs.abh!.id, kind: 'auslaenderbehoerde', ags: null, name: tree.orgs.abh!.name });

  const localKinds: [string, OrganisationKind][] = [
    ['Familienzentrum {g}', 'kita'],
    ['Willkommensinitiative {g} e. V.', 'verein'],
    ['Sportverein {g} 1921 e. V.', 'verein'],
    ['Grundschule am Park {g}', 'schule'],
    ['Sozialdienst {g} (Demo)', 'wohlfahrtsverband'],
    ['Kulturverein Brücke {g} e. V.', 'migrantenorganisation'],
  ];
  let contactIndex = 0;
  for (const k of tree.kommunen) {
    const g = gemeindeByAgs(k.ags)!;
    providers.push({ id: k.id, kind: 'kommune', ags: k.ags, name: k.name });
    await db.insert(directoryProfiles).values({
      organisationId: k.id,
      description: `Integrationsarbeit der ${k.name}: Ansprechpartner für Vereine, Träger und Neuzugewanderte vor Ort.`,
      street: 'Rathausplatz 1',
      postalCode: gemeindeZip(k.ags) ?? null,
      city: g.name,
      ags: k.ags,
      legalDomains: ['asylblg', 'aufenthg'],
      email: `integration@${g.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-+$/, '')}.example`,
    });
    const hours = rng.pick([10, 19.5, 19.5, 25, 39]);
    await db.insert(directoryContacts).values({
      organisationId: k.id,
      name: CONTACT_NAMES[contactIndex++ % CONTACT_NAMES.length]!,
      role: 'integrationsbeauftragte',
      weeklyHours: hours,
      email: `integrationsbeauftragte@${g.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-+$/, '')}.example`,
      phone: `0224${rng.int(1, 9)} ${rng.int(100, 999)}-0`,
      isPublic: rng.chance(0.6),
    });
    const count = k.population > 40_000 ? 5 : k.population > 20_000 ? 4 : 3;
    for (const [pattern, kind] of rng.sample(localKinds, count)) {
      const name = pattern.replace('{g}', g.name);
      const org = await makeOrganisation(db, { name, kind, parentId: k.id });
      providers.push({ id: org.id, kind, ags: k.ags, name });
      await db.insert(directoryProfiles).values({ organisationId: org.id, city: g.name, postalCode: gemeindeZip(k.ags) ?? null, ags: k.ags, street: `${rng.pick(STREETS)} ${rng.int(1, 60)}` });
      if (rng.chance(0.6)) {
        await db.insert(directoryContacts).values({
          organisationId: org.id,
          name: CONTACT_NAMES[contactIndex++ % CONTACT_NAMES.length]!,
          role: rng.pick(['leitung', 'ansprechperson', 'koordination'] as const),
          weeklyHours: rng.chance(0.5) ? rng.pick([5, 10, 20]) : null,
          isPublic: rng.chance(0.5),
        });
      }
    }
  }
  return providers;
}

/** Demo data of the directory: Akteure, about 320 offers (some translated), and a closed and an open Abfrage. */
export async function seedDirectoryDemo(db: DbOrTx, tree: KreisTree): Promise<void> {
  const rng = prng(20260401);
  const providers = await makeDemoProviders(db, tree, rng);
  const list = generateOffers(rng, tree.kommunen, providers, { perLargestTown: 34 });
  // Deliberate near-duplicates: two providers run almost the same course in Troisdorf and in Sankt Augustin.
  for (const ags of ['05382068', '05382056']) {
    const local = providers.filter((p) => p.ags === ags && p.kind !== 'kommune');
    const template = OFFER_TEMPLATES[1]!;
    const g = gemeindeByAgs(ags)!;
    for (const [i, provider] of local.slice(0, 2).entries()) {
      const copy = generateOffers(rng, [{ id: provider.id, ags, population: 1 }], [provider], { perLargestTown: 1, allPublished: true }).slice(0, 1);
      copy[0]!.values = { ...copy[0]!.values, organisationId: provider.id, title: i === 0 ? `${template.title} in ${g.name}` : `${template.title} (${g.name})`, description: template.description, handlungsfelder: template.fields, targetGroups: template.groups };
      list.push(copy[0]!);
    }
  }
  await insertGeneratedOffers(db, list);
  await seedSurveyDemo(db, tree, rng);
}

async function seedSurveyDemo(db: DbOrTx, tree: KreisTree, rng: Rng) {
  const template = SURVEY_TEMPLATE_DEFS[0]!;
  const [closed] = await db
    .insert(surveys)
    .values({
      title: `${template.title} 2025`,
      description: template.description,
      questions: template.questions,
      templateKey: template.key,
      status: 'closed',
      deadline: '2025-11-30',
      sentAt: new Date('2025-10-15T08:00:00Z'),
      closedAt: new Date('2025-12-05T08:00:00Z'),
    })
    .returning({ id: surveys.id });
  const fields = ['sprache', 'bildung', 'arbeit_ausbildung', 'wohnen', 'gesundheit', 'beratung', 'familie_fruehe_hilfen', 'freizeit_sport_kultur', 'ehrenamt'];
  for (const k of tree.kommunen) {
    const answered = rng.chance(0.85);
    const has = rng.chance(0.9);
    await db.insert(surveyResponses).values({
      surveyId: closed!.id,
      organisationId: k.id,
      status: answered ? 'submitted' : 'pending',
      submittedAt: answered ? new Date('2025-11-20T10:00:00Z') : null,
      answers: answered
        ? {
            ib_vorhanden: has,
            ...(has ? { stunden: rng.pick([10, 19.5, 25, 39, 58.5]), ib_funktion: rng.pick(['Stabsstelle beim Bürgermeister', 'Sozialamt, Sachgebiet Integration', 'Fachbereich Jugend, Familie, Soziales']) } : {}),
            handlungsfelder: rng.sample(fields, rng.int(3, 7)),
            einzelfall: rng.chance(0.9),
            integrationsrat: k.population > 40_000 ? 'Integrationsrat' : rng.pick(['Integrationsausschuss', 'keines von beiden']),
            konzept: rng.chance(0.5),
            ehrenamt: rng.sample(['Flüchtlingshilfe / Willkommensinitiative', 'Patenschaftsprojekte', 'Sprachcafés', 'Migrant:innenorganisationen'], rng.int(1, 3)),
            kim_stellen: rng.pick([0, 0.5, 1, 1.5, 2]),
          }
        : {},
    });
  }
}
