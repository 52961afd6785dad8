/**
 * Fictional but realistic name pools for demo data and benchmarks: each entry gives the Latin spelling and, where the
 * documents are written in another script, the original. Groups carry the nationality, language and typical
 * residence statuses of people from that origin in KIM counselling.
 */
export interface NamePair {
  latin: string;
  native?: string;
}

export interface OriginGroup {
  key: string;
  weight: number;
  nationality: string;
  language: string;
  interpreterShare: number;
  statuses: string[];
  male: NamePair[];
  female: NamePair[];
  family: NamePair[];
}

const pairs = (list: string): NamePair[] =>
  list
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [latin, native] = s.split('|');
      return native ? { latin: latin!, native } : { latin: latin! };
    });

export const ORIGIN_GROUPS: OriginGroup[] = [
  {
    key: 'syria',
    weight: 24,
    nationality: 'SY',
    language: 'ar',
    interpreterShare: 0.6,
    statuses: ['ae_25_2_fluechtling', 'ae_25_2_subsidiaer', 'niederlassungserlaubnis', 'ae_25b', 'gestattung'],
    male: pairs('Mohammed|محمد; Ahmad|أحمد; Ali|علي; Omar|عمر; Khaled|خالد; Youssef|يوسف; Hassan|حسن; Hussein|حسين; Ibrahim|إبراهيم; Mustafa|مصطفى; Mahmoud|محمود; Abdullah|عبد الله; Samer|سامر; Walid|وليد; Tarek|طارق; Bilal|بلال'),
    female: pairs('Fatima|فاطمة; Maryam|مريم; Nour|نور; Sara|سارة; Rana|رنا; Heba|هبة; Amina|آمنة; Zainab|زينب; Lina|لينا; Reem|ريم; Doaa|دعاء; Yasmin|ياسمين'),
    family: pairs('Al-Hassan|الحسن; Al-Ahmad|الأحمد; Haddad|حداد; Al-Khatib|الخطيب; Al-Ali|العلي; Ibrahim|ابراهيم; Al-Najjar|النجار; Al-Shami|الشامي; Othman|عثمان; Al-Masri|المصري; Hamdan|حمدان; Suleiman|سليمان; Al-Kassem|القاسم; Darwish|درويش; Khalil|خليل; Mansour|منصور'),
  },
  {
    key: 'iraq',
    weight: 8,
    nationality: 'IQ',
    language: 'ar',
    interpreterShare: 0.5,
    statuses: ['ae_25_2_fluechtling', 'duldung', 'gestattung', 'ae_25_3'],
    male: pairs('Haidar|حيدر; Mustafa|مصطفى; Karrar|كرار; Ammar|عمار; Saif|سيف; Zaid|زيد'),
    female: pairs('Zahraa|زهراء; Noor|نور; Huda|هدى; Sahar|سحر; Shaimaa|شيماء'),
    family: pairs('Al-Jabouri|الجبوري; Al-Obaidi|العبيدي; Al-Rubaie|الربيعي; Kadhim|كاظم; Jassim|جاسم; Abbas|عباس'),
  },
  {
    key: 'afghanistan',
    weight: 16,
    nationality: 'AF',
    language: 'prs',
    interpreterShare: 0.7,
    statuses: ['gestattung', 'duldung', 'ae_25_3', 'ae_25_2_subsidiaer', 'ae_25_2_fluechtling', 'ae_22'],
    male: pairs('Mohammad|محمد; Ahmad|احمد; Ali|علی; Reza|رضا; Hossein|حسین; Mehdi|مهدی; Sohrab|سهراب; Farhad|فرهاد; Jawad|جواد; Sayed|سید; Naweed|نوید'),
    female: pairs('Zahra|زهرا; Fatemeh|فاطمه; Maryam|مریم; Parisa|پریسا; Shabnam|شبنم; Narges|نرگس; Mahtab|مهتاب; Sakina|سکینه'),
    family: pairs('Ahmadi|احمدی; Hosseini|حسینی; Rahimi|رحیمی; Karimi|کریمی; Mohammadi|محمدی; Noori|نوری; Sediqi|صدیقی; Hashemi|هاشمی; Azizi|عزیزی; Jafari|جعفری; Habibi|حبیبی'),
  },
  {
    key: 'iran',
    weight: 5,
    nationality: 'IR',
    language: 'fa',
    interpreterShare: 0.5,
    statuses: ['gestattung', 'ae_25_1', 'ae_25_2_fluechtling', 'duldung'],
    male: pairs('Amir|امیر; Behnam|بهنام; Kourosh|کوروش; Pouya|پویا; Saeed|سعید'),
    female: pairs('Shirin|شیرین; Leila|لیلا; Mina|مینا; Nasrin|نسرین; Golnar|گلنار'),
    family: pairs('Tehrani|تهرانی; Rostami|رستمی; Moradi|مرادی; Ghasemi|قاسمی; Shirazi|شیرازی'),
  },
  {
    key: 'ukraine',
    weight: 18,
    nationality: 'UA',
    language: 'uk',
    interpreterShare: 0.6,
    statuses: ['ae_24', 'ae_24', 'fiktionsbescheinigung'],
    male: pairs('Oleksandr|Олександр; Andrii|Андрій; Dmytro|Дмитро; Serhii|Сергій; Ivan|Іван; Mykola|Микола; Volodymyr|Володимир'),
    female: pairs('Olena|Олена; Nataliia|Наталія; Iryna|Ірина; Oksana|Оксана; Tetiana|Тетяна; Yuliia|Юлія; Mariia|Марія; Kateryna|Катерина'),
    family: pairs('Shevchenko|Шевченко; Kovalenko|Коваленко; Bondarenko|Бондаренко; Tkachenko|Ткаченко; Kravchenko|Кравченко; Melnyk|Мельник; Oliinyk|Олійник; Polishchuk|Поліщук; Savchenko|Савченко; Rudenko|Руденко'),
  },
  {
    key: 'russia',
    weight: 4,
    nationality: 'RU',
    language: 'ru',
    interpreterShare: 0.5,
    statuses: ['gestattung', 'ae_25_1', 'duldung'],
    male: pairs('Evgenii|Евгений; Aleksei|Алексей; Mikhail|Михаил; Ruslan|Руслан; Magomed|Магомед'),
    female: pairs('Anna|Анна; Ekaterina|Екатерина; Olga|Ольга; Madina|Мадина'),
    family: pairs('Ivanov|Иванов; Smirnov|Смирнов; Kuznetsov|Кузнецов; Volkov|Волков; Sokolov|Соколов; Magomedov|Магомедов'),
  },
  {
    key: 'turkey',
    weight: 10,
    nationality: 'TR',
    language: 'tr',
    interpreterShare: 0.4,
    statuses: ['gestattung', 'ae_familie', 'niederlassungserlaubnis', 'ae_25_1'],
    male: pairs('Mehmet; Mustafa; Ahmet; Ali; Hüseyin; Emre; Murat; Serkan; Yusuf'),
    female: pairs('Ayşe; Fatma; Emine; Zeynep; Elif; Hatice; Büşra; Gülşen'),
    family: pairs('Yılmaz; Kaya; Demir; Şahin; Çelik; Yıldız; Öztürk; Aydın; Arslan; Doğan; Kılıç; Özdemir'),
  },
  {
    key: 'eritrea',
    weight: 5,
    nationality: 'ER',
    language: 'ti',
    interpreterShare: 0.7,
    statuses: ['ae_25_2_fluechtling', 'ae_25_2_subsidiaer', 'ae_familie'],
    male: pairs('Dawit; Yonas; Semere; Tesfay; Filmon; Michael'),
    female: pairs('Helen; Senait; Selam; Mehret; Winta'),
    family: pairs('Tesfaye; Gebremedhin; Haile; Kidane; Berhane; Tekle; Ghebreyesus'),
  },
  {
    key: 'kurdish',
    weight: 4,
    nationality: 'IQ',
    language: 'kmr',
    interpreterShare: 0.6,
    statuses: ['ae_25_2_fluechtling', 'ae_23', 'duldung'],
    male: pairs('Azad; Baran; Dilshad; Hoshyar; Rezan'),
    female: pairs('Dilan; Rojin; Nesrin; Berivan; Jiyan'),
    family: pairs('Murad; Khalaf; Qasim; Haji; Bakr'),
  },
  {
    key: 'westbalkan',
    weight: 4,
    nationality: 'AL',
    language: 'sq',
    interpreterShare: 0.3,
    statuses: ['duldung', 'ausbildungsduldung', 'beschaeftigungsduldung', 'ae_104c'],
    male: pairs('Arben; Besnik; Fatmir; Ilir; Driton'),
    female: pairs('Drita; Elona; Fjolla; Arta'),
    family: pairs('Krasniqi; Berisha; Gashi; Hoxha; Shala'),
  },
  {
    key: 'germany',
    weight: 2,
    nationality: 'DE',
    language: 'de',
    interpreterShare: 0,
    statuses: ['deutsch'],
    male: pairs('Viktor; Waldemar; Andreas; Jürgen'),
    female: pairs('Katharina; Sabine; Lena; Irina'),
    family: pairs('Schmidt; Müller; Becker; Wagner; Fischer; Weber'),
  },
];

/** A seeded pseudo-random generator (mulberry32): demo data and benchmarks are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

export function pickWeighted<T extends { weight: number }>(random: () => number, list: readonly T[]): T {
  const total = list.reduce((s, x) => s + x.weight, 0);
  let r = random() * total;
  for (const x of list) {
    r -= x.weight;
    if (r < 0) return x;
  }
  return list[list.length - 1]!;
}
