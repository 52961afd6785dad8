import {
  CONSENT_PURPOSE_LABELS_DE,
  DATA_CATEGORY_LABELS_DE,
  type ConsentFormLanguage,
  type ConsentGivenBy,
  type ConsentPurpose,
  type DataCategory,
  type LegalBasis,
} from '@teilhabe/shared';

/**
 * The standard texts of the consent form (Einwilligungserklärung) in German and in the form languages. Plain
 * language, one thought per sentence; legal references as in German law (DSGVO, SGB X), so the German text and the
 * translation can be compared clause by clause. The German text is binding.
 */
export interface ConsentFormTexts {
  title: string;
  translationNote: string;
  intro: string;
  person: string;
  birthDate: string;
  recipient: string;
  purpose: string;
  categories: string;
  legalBasis: string;
  validity: string;
  givenBy: string;
  validBetween: (from: string, until: string) => string;
  validOpenEnded: (from: string) => string;
  purposes: Record<ConsentPurpose, string>;
  categoryLabels: Record<DataCategory, string>;
  legalBases: Record<LegalBasis, string>;
  givenByLabels: Record<ConsentGivenBy, string>;
  voluntary: string;
  withdrawal: string;
  rights: string;
  placeDate: string;
  signatureSelf: string;
  signatureGuardian: string;
  guardianName: string;
  withdrawnAt: (date: string) => string;
}

const de: ConsentFormTexts = {
  title: 'Einwilligung in die Weitergabe von Daten',
  translationNote: 'Maßgeblich ist der deutsche Text; die Übersetzung dient dem Verständnis.',
  intro:
    'Ich willige ein, dass das Kommunale Integrationszentrum die unten genannten Daten der genannten Person an die genannte Stelle weitergibt. Die Daten werden nur für den genannten Zweck weitergegeben und nur, soweit es dafür erforderlich ist.',
  person: 'Person',
  birthDate: 'Geburtsdatum',
  recipient: 'Empfangende Stelle',
  purpose: 'Zweck',
  categories: 'Daten',
  legalBasis: 'Rechtsgrundlage',
  validity: 'Gültigkeit',
  givenBy: 'Erteilt durch',
  validBetween: (from, until) => `vom ${from} bis ${until}`,
  validOpenEnded: (from) => `ab ${from}, bis zum Widerruf`,
  purposes: { ...CONSENT_PURPOSE_LABELS_DE, other: 'sonstiger Zweck' },
  categoryLabels: DATA_CATEGORY_LABELS_DE,
  legalBases: {
    art6_1a: 'Ihre Einwilligung nach Art. 6 Abs. 1 Buchst. a Datenschutz-Grundverordnung (DSGVO).',
    art9_2a:
      'Ihre ausdrückliche Einwilligung nach Art. 9 Abs. 2 Buchst. a DSGVO; sie umfasst auch Gesundheitsdaten und andere besonders geschützte Daten.',
    sgb10_67b:
      'Ihre Einwilligung in die Übermittlung von Sozialdaten nach § 67b Abs. 2 Zehntes Buch Sozialgesetzbuch (SGB X); sie wird schriftlich oder elektronisch erteilt.',
  },
  givenByLabels: { self: 'die Person selbst', guardian: 'die gesetzliche Vertretung' },
  voluntary: 'Die Einwilligung ist freiwillig. Wenn Sie nicht einwilligen oder die Einwilligung widerrufen, hat das keine Nachteile für Ihre Beratung.',
  withdrawal:
    'Sie können die Einwilligung jederzeit ohne Angabe von Gründen widerrufen, mündlich oder schriftlich beim Kommunalen Integrationszentrum (Art. 7 Abs. 3 DSGVO). Der Widerruf gilt für die Zukunft; eine Weitergabe vor dem Widerruf bleibt rechtmäßig.',
  rights:
    'Sie haben das Recht auf Auskunft über Ihre Daten, auf Berichtigung, Löschung und Einschränkung der Verarbeitung sowie das Recht, sich bei der Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen zu beschweren.',
  placeDate: 'Ort, Datum',
  signatureSelf: 'Unterschrift der Person',
  signatureGuardian: 'Unterschrift der gesetzlichen Vertretung',
  guardianName: 'Name der gesetzlichen Vertretung',
  withdrawnAt: (d) => `Widerrufen am ${d}`,
};

const en: ConsentFormTexts = {
  title: 'Consent to the sharing of data',
  translationNote: 'The German text is binding; the translation is provided for your understanding.',
  intro:
    'I agree that the Municipal Integration Centre (Kommunales Integrationszentrum) may pass on the data listed below about the person named to the organisation named. The data are passed on only for the stated purpose and only as far as necessary for it.',
  person: 'Person',
  birthDate: 'Date of birth',
  recipient: 'Receiving organisation',
  purpose: 'Purpose',
  categories: 'Data',
  legalBasis: 'Legal basis',
  validity: 'Validity',
  givenBy: 'Given by',
  validBetween: (from, until) => `from ${from} to ${until}`,
  validOpenEnded: (from) => `from ${from} until withdrawn`,
  purposes: {
    labour_market: 'Integration into training and work',
    benefits: 'Clarifying social benefits',
    residence: 'Clarifying residence matters',
    youth_welfare: 'Support for children, young people and families',
    school: 'Integration at school',
    health: 'Health care',
    housing: 'Keeping or finding housing',
    language_course: 'Language course and recognition of qualifications',
    other: 'Other purpose',
  },
  categoryLabels: {
    identity: 'Name and date of birth',
    contact: 'Address and contact details',
    residence: 'Residence status',
    benefits: 'Social benefits (type of benefit)',
    languages: 'Languages and need for an interpreter',
    family: 'Household and family',
    health: 'Health (Art. 9 GDPR)',
    education_work: 'Education, recognition of qualifications, work',
    goals: 'Goals of the support plan',
  },
  legalBases: {
    art6_1a: 'Your consent under Art. 6(1)(a) of the General Data Protection Regulation (GDPR, German: DSGVO).',
    art9_2a: 'Your explicit consent under Art. 9(2)(a) GDPR; it also covers health data and other specially protected data.',
    sgb10_67b: 'Your consent to the transfer of social data under Section 67b(2) of Book X of the German Social Code (SGB X); it is given in writing or electronically.',
  },
  givenByLabels: { self: 'the person themselves', guardian: 'the legal representative' },
  voluntary: 'Your consent is voluntary. If you do not consent, or if you withdraw your consent, this will not harm your counselling.',
  withdrawal:
    'You can withdraw your consent at any time without giving reasons, orally or in writing, at the Municipal Integration Centre (Art. 7(3) GDPR). The withdrawal applies to the future; data passed on before the withdrawal were passed on lawfully.',
  rights:
    'You have the right to information about your data, to have it corrected or deleted and to restrict its processing, and the right to complain to the State Commissioner for Data Protection and Freedom of Information of North Rhine-Westphalia.',
  placeDate: 'Place, date',
  signatureSelf: 'Signature of the person',
  signatureGuardian: 'Signature of the legal representative',
  guardianName: 'Name of the legal representative',
  withdrawnAt: (d) => `Withdrawn on ${d}`,
};

const ar: ConsentFormTexts = {
  title: 'الموافقة على مشاركة البيانات',
  translationNote: 'النص الألماني هو النص المُلزِم؛ والترجمة للفهم فقط.',
  intro:
    'أوافق على أن يقوم مركز الاندماج البلدي (Kommunales Integrationszentrum) بنقل البيانات المذكورة أدناه عن الشخص المذكور إلى الجهة المذكورة. لا تُنقل البيانات إلا للغرض المذكور وبالقدر اللازم له فقط.',
  person: 'الشخص',
  birthDate: 'تاريخ الميلاد',
  recipient: 'الجهة المستلمة',
  purpose: 'الغرض',
  categories: 'البيانات',
  legalBasis: 'الأساس القانوني',
  validity: 'مدة الصلاحية',
  givenBy: 'مقدَّمة من',
  validBetween: (from, until) => `من ${from} حتى ${until}`,
  validOpenEnded: (from) => `من ${from} حتى سحب الموافقة`,
  purposes: {
    labour_market: 'الاندماج في التدريب المهني والعمل',
    benefits: 'توضيح المساعدات الاجتماعية',
    residence: 'توضيح مسائل الإقامة',
    youth_welfare: 'مساعدات للأطفال والشباب والأسر',
    school: 'الاندماج المدرسي',
    health: 'الرعاية الصحية',
    housing: 'الحفاظ على السكن أو إيجاد سكن',
    language_course: 'دورة اللغة والاعتراف بالمؤهلات',
    other: 'غرض آخر',
  },
  categoryLabels: {
    identity: 'الاسم وتاريخ الميلاد',
    contact: 'العنوان ووسائل التواصل',
    residence: 'وضع الإقامة',
    benefits: 'المساعدات الاجتماعية (نوع المساعدة)',
    languages: 'اللغات والحاجة إلى مترجم',
    family: 'الأسرة والمنزل',
    health: 'الصحة (المادة 9 من اللائحة العامة لحماية البيانات)',
    education_work: 'التعليم والاعتراف بالمؤهلات والعمل',
    goals: 'أهداف خطة المساعدة',
  },
  legalBases: {
    art6_1a: 'موافقتك وفقاً للمادة 6 الفقرة 1 البند (أ) من اللائحة العامة لحماية البيانات (DSGVO).',
    art9_2a: 'موافقتك الصريحة وفقاً للمادة 9 الفقرة 2 البند (أ) من اللائحة العامة لحماية البيانات؛ وتشمل أيضاً البيانات الصحية وغيرها من البيانات المحمية بشكل خاص.',
    sgb10_67b: 'موافقتك على نقل البيانات الاجتماعية وفقاً للفقرة 2 من المادة 67b من الكتاب العاشر من قانون الشؤون الاجتماعية الألماني (SGB X)؛ وتُقدَّم كتابياً أو إلكترونياً.',
  },
  givenByLabels: { self: 'الشخص نفسه', guardian: 'الممثل القانوني' },
  voluntary: 'الموافقة طوعية. إذا لم توافق أو سحبت موافقتك، فلن يضرّ ذلك بالاستشارة المقدمة لك.',
  withdrawal:
    'يمكنك سحب موافقتك في أي وقت دون ذكر الأسباب، شفهياً أو كتابياً لدى مركز الاندماج البلدي (المادة 7 الفقرة 3 من اللائحة العامة لحماية البيانات). يسري السحب على المستقبل؛ ويبقى نقل البيانات الذي تم قبل السحب مشروعاً.',
  rights:
    'يحق لك الاطلاع على بياناتك وطلب تصحيحها أو حذفها أو تقييد معالجتها، كما يحق لك تقديم شكوى إلى المفوضة المعنية بحماية البيانات وحرية المعلومات في ولاية شمال الراين-وستفاليا.',
  placeDate: 'المكان، التاريخ',
  signatureSelf: 'توقيع الشخص المعني',
  signatureGuardian: 'توقيع الممثل القانوني',
  guardianName: 'اسم الممثل القانوني',
  withdrawnAt: (d) => `سُحبت الموافقة في ${d}`,
};

const fa: ConsentFormTexts = {
  title: 'رضایت‌نامه برای انتقال اطلاعات',
  translationNote: 'متن آلمانی ملاک است؛ ترجمه فقط برای درک بهتر است.',
  intro:
    'من موافقت می‌کنم که مرکز ادغام شهری (Kommunales Integrationszentrum) اطلاعات ذکرشده در زیر درباره‌ی شخص نام‌برده را به نهاد نام‌برده منتقل کند. اطلاعات فقط برای هدف ذکرشده و فقط به اندازه‌ی لازم منتقل می‌شود.',
  person: 'شخص',
  birthDate: 'تاریخ تولد',
  recipient: 'نهاد دریافت‌کننده',
  purpose: 'هدف',
  categories: 'اطلاعات',
  legalBasis: 'مبنای قانونی',
  validity: 'مدت اعتبار',
  givenBy: 'داده‌شده توسط',
  validBetween: (from, until) => `از ${from} تا ${until}`,
  validOpenEnded: (from) => `از ${from} تا زمان لغو`,
  purposes: {
    labour_market: 'ورود به آموزش حرفه‌ای و کار',
    benefits: 'روشن کردن وضعیت کمک‌های اجتماعی',
    residence: 'روشن کردن مسائل اقامتی',
    youth_welfare: 'کمک به کودکان، نوجوانان و خانواده‌ها',
    school: 'ادغام در مدرسه',
    health: 'مراقبت‌های بهداشتی و درمانی',
    housing: 'حفظ مسکن یا یافتن مسکن',
    language_course: 'دوره‌ی زبان و به رسمیت شناختن مدارک',
    other: 'هدف دیگر',
  },
  categoryLabels: {
    identity: 'نام و تاریخ تولد',
    contact: 'نشانی و راه‌های تماس',
    residence: 'وضعیت اقامت',
    benefits: 'کمک‌های اجتماعی (نوع کمک)',
    languages: 'زبان‌ها و نیاز به مترجم',
    family: 'خانوار و خانواده',
    health: 'سلامت (ماده‌ی 9 مقررات عمومی حفاظت از داده‌ها)',
    education_work: 'تحصیل، به رسمیت شناختن مدارک، کار',
    goals: 'اهداف برنامه‌ی کمک',
  },
  legalBases: {
    art6_1a: 'رضایت شما طبق ماده‌ی 6 بند 1 جزء الف مقررات عمومی حفاظت از داده‌ها (DSGVO).',
    art9_2a: 'رضایت صریح شما طبق ماده‌ی 9 بند 2 جزء الف مقررات عمومی حفاظت از داده‌ها؛ این رضایت شامل اطلاعات سلامت و سایر اطلاعاتی که حمایت ویژه دارند نیز می‌شود.',
    sgb10_67b: 'رضایت شما برای انتقال اطلاعات اجتماعی طبق بند 2 ماده‌ی 67b کتاب دهم قانون اجتماعی آلمان (SGB X)؛ این رضایت به‌صورت کتبی یا الکترونیکی داده می‌شود.',
  },
  givenByLabels: { self: 'خود شخص', guardian: 'نماینده‌ی قانونی' },
  voluntary: 'دادن این رضایت داوطلبانه است. اگر رضایت ندهید یا آن را لغو کنید، هیچ ضرری برای مشاوره‌ی شما ندارد.',
  withdrawal:
    'شما می‌توانید هر زمان و بدون ذکر دلیل، رضایت خود را به‌صورت شفاهی یا کتبی نزد مرکز ادغام شهری لغو کنید (ماده‌ی 7 بند 3 DSGVO). لغو رضایت برای آینده اعتبار دارد؛ انتقال‌هایی که پیش از لغو انجام شده، قانونی باقی می‌ماند.',
  rights:
    'شما حق دارید درباره‌ی اطلاعات خود آگاهی بگیرید، اصلاح، حذف یا محدود کردن پردازش آن را بخواهید و به مسئول حفاظت از داده‌ها و آزادی اطلاعات ایالت نوردراین-وستفالن شکایت کنید.',
  placeDate: 'محل، تاریخ',
  signatureSelf: 'امضای شخص',
  signatureGuardian: 'امضای نماینده‌ی قانونی',
  guardianName: 'نام نماینده‌ی قانونی',
  withdrawnAt: (d) => `لغوشده در ${d}`,
};

const uk: ConsentFormTexts = {
  title: 'Згода на передачу даних',
  translationNote: 'Юридично обов’язковим є німецький текст; переклад надано для розуміння.',
  intro:
    'Я погоджуюся, що Комунальний інтеграційний центр (Kommunales Integrationszentrum) передасть зазначені нижче дані про названу особу названій установі. Дані передаються лише для зазначеної мети і лише в тому обсязі, який для неї потрібен.',
  person: 'Особа',
  birthDate: 'Дата народження',
  recipient: 'Установа-отримувач',
  purpose: 'Мета',
  categories: 'Дані',
  legalBasis: 'Правова підстава',
  validity: 'Строк дії',
  givenBy: 'Надано',
  validBetween: (from, until) => `з ${from} до ${until}`,
  validOpenEnded: (from) => `з ${from} до відкликання`,
  purposes: {
    labour_market: 'Інтеграція в професійне навчання та роботу',
    benefits: 'З’ясування питань соціальних виплат',
    residence: 'З’ясування питань права на перебування',
    youth_welfare: 'Допомога дітям, молоді та сім’ям',
    school: 'Інтеграція в школі',
    health: 'Медичне обслуговування',
    housing: 'Збереження або пошук житла',
    language_course: 'Мовний курс і визнання кваліфікації',
    other: 'Інша мета',
  },
  categoryLabels: {
    identity: 'Ім’я та дата народження',
    contact: 'Адреса та контактні дані',
    residence: 'Статус перебування',
    benefits: 'Соціальні виплати (вид допомоги)',
    languages: 'Мови та потреба в перекладачеві',
    family: 'Домогосподарство і сім’я',
    health: 'Здоров’я (ст. 9 Загального регламенту про захист даних)',
    education_work: 'Освіта, визнання кваліфікації, робота',
    goals: 'Цілі плану допомоги',
  },
  legalBases: {
    art6_1a: 'Ваша згода відповідно до пункту «a» частини 1 статті 6 Загального регламенту про захист даних (DSGVO).',
    art9_2a: 'Ваша явна згода відповідно до пункту «a» частини 2 статті 9 DSGVO; вона охоплює також дані про здоров’я та інші особливо захищені дані.',
    sgb10_67b: 'Ваша згода на передачу соціальних даних відповідно до частини 2 § 67b Десятої книги Соціального кодексу Німеччини (SGB X); її надають письмово або в електронній формі.',
  },
  givenByLabels: { self: 'особисто', guardian: 'законним представником' },
  voluntary: 'Згода є добровільною. Якщо ви не погодитеся або відкличете згоду, це не матиме жодних негативних наслідків для вашої консультації.',
  withdrawal:
    'Ви можете будь-коли відкликати згоду без пояснення причин — усно або письмово в Комунальному інтеграційному центрі (ч. 3 ст. 7 DSGVO). Відкликання діє на майбутнє; передача даних до відкликання залишається законною.',
  rights:
    'Ви маєте право отримати інформацію про свої дані, вимагати їх виправлення, видалення чи обмеження обробки, а також право подати скаргу Уповноваженій із захисту даних і свободи інформації землі Північний Рейн-Вестфалія.',
  placeDate: 'Місце, дата',
  signatureSelf: 'Підпис особи',
  signatureGuardian: 'Підпис законного представника',
  guardianName: 'Ім’я законного представника',
  withdrawnAt: (d) => `Відкликано ${d}`,
};

const ru: ConsentFormTexts = {
  title: 'Согласие на передачу данных',
  translationNote: 'Юридически обязательным является немецкий текст; перевод предоставлен для понимания.',
  intro:
    'Я согласен (согласна), чтобы Коммунальный интеграционный центр (Kommunales Integrationszentrum) передал указанные ниже данные о названном лице названному учреждению. Данные передаются только для указанной цели и только в необходимом для неё объёме.',
  person: 'Лицо',
  birthDate: 'Дата рождения',
  recipient: 'Учреждение-получатель',
  purpose: 'Цель',
  categories: 'Данные',
  legalBasis: 'Правовое основание',
  validity: 'Срок действия',
  givenBy: 'Дано',
  validBetween: (from, until) => `с ${from} по ${until}`,
  validOpenEnded: (from) => `с ${from} до отзыва`,
  purposes: {
    labour_market: 'Интеграция в профессиональное обучение и работу',
    benefits: 'Выяснение вопросов социальных выплат',
    residence: 'Выяснение вопросов права на пребывание',
    youth_welfare: 'Помощь детям, молодёжи и семьям',
    school: 'Интеграция в школе',
    health: 'Медицинское обслуживание',
    housing: 'Сохранение или поиск жилья',
    language_course: 'Языковой курс и признание квалификации',
    other: 'Другая цель',
  },
  categoryLabels: {
    identity: 'Имя и дата рождения',
    contact: 'Адрес и контактные данные',
    residence: 'Статус пребывания',
    benefits: 'Социальные выплаты (вид помощи)',
    languages: 'Языки и потребность в переводчике',
    family: 'Домохозяйство и семья',
    health: 'Здоровье (ст. 9 Общего регламента по защите данных)',
    education_work: 'Образование, признание квалификации, работа',
    goals: 'Цели плана помощи',
  },
  legalBases: {
    art6_1a: 'Ваше согласие в соответствии с пунктом «a» части 1 статьи 6 Общего регламента по защите данных (DSGVO).',
    art9_2a: 'Ваше явно выраженное согласие в соответствии с пунктом «a» части 2 статьи 9 DSGVO; оно распространяется также на данные о здоровье и другие особо защищённые данные.',
    sgb10_67b: 'Ваше согласие на передачу социальных данных в соответствии с частью 2 § 67b Десятой книги Социального кодекса Германии (SGB X); оно даётся в письменной или электронной форме.',
  },
  givenByLabels: { self: 'лично', guardian: 'законным представителем' },
  voluntary: 'Согласие является добровольным. Если вы не дадите согласие или отзовёте его, это никак не повредит вашей консультации.',
  withdrawal:
    'Вы можете в любое время отозвать согласие без объяснения причин — устно или письменно в Коммунальном интеграционном центре (ч. 3 ст. 7 DSGVO). Отзыв действует на будущее; передача данных до отзыва остаётся законной.',
  rights:
    'Вы имеете право получить информацию о своих данных, потребовать их исправления, удаления или ограничения обработки, а также подать жалобу Уполномоченному по защите данных и свободе информации земли Северный Рейн-Вестфалия.',
  placeDate: 'Место, дата',
  signatureSelf: 'Подпись лица',
  signatureGuardian: 'Подпись законного представителя',
  guardianName: 'Имя законного представителя',
  withdrawnAt: (d) => `Отозвано ${d}`,
};

const tr: ConsentFormTexts = {
  title: 'Verilerin paylaşılmasına ilişkin onay',
  translationNote: 'Bağlayıcı olan Almanca metindir; çeviri anlaşılması içindir.',
  intro:
    'Belediye Entegrasyon Merkezi’nin (Kommunales Integrationszentrum) adı geçen kişiye ait aşağıda belirtilen verileri adı geçen kuruma iletmesine onay veriyorum. Veriler yalnızca belirtilen amaç için ve yalnızca bu amaç için gerekli olduğu ölçüde iletilir.',
  person: 'Kişi',
  birthDate: 'Doğum tarihi',
  recipient: 'Alıcı kurum',
  purpose: 'Amaç',
  categories: 'Veriler',
  legalBasis: 'Hukuki dayanak',
  validity: 'Geçerlilik',
  givenBy: 'Onayı veren',
  validBetween: (from, until) => `${from} – ${until} tarihleri arasında`,
  validOpenEnded: (from) => `${from} tarihinden itibaren, geri alınana kadar`,
  purposes: {
    labour_market: 'Mesleki eğitime ve işe uyum',
    benefits: 'Sosyal yardımların netleştirilmesi',
    residence: 'Oturum hakkına ilişkin konuların netleştirilmesi',
    youth_welfare: 'Çocuklara, gençlere ve ailelere yönelik yardımlar',
    school: 'Okula uyum',
    health: 'Sağlık hizmetleri',
    housing: 'Konutun korunması veya konut bulunması',
    language_course: 'Dil kursu ve diplomaların tanınması',
    other: 'Diğer amaç',
  },
  categoryLabels: {
    identity: 'Ad ve doğum tarihi',
    contact: 'Adres ve iletişim bilgileri',
    residence: 'Oturum durumu',
    benefits: 'Sosyal yardımlar (yardım türü)',
    languages: 'Diller ve tercüman ihtiyacı',
    family: 'Hane ve aile',
    health: 'Sağlık (Genel Veri Koruma Tüzüğü madde 9)',
    education_work: 'Eğitim, diplomaların tanınması, iş',
    goals: 'Yardım planının hedefleri',
  },
  legalBases: {
    art6_1a: 'Genel Veri Koruma Tüzüğü (DSGVO) madde 6 fıkra 1 bent a uyarınca verdiğiniz onay.',
    art9_2a: 'DSGVO madde 9 fıkra 2 bent a uyarınca verdiğiniz açık onay; bu onay sağlık verilerini ve özel olarak korunan diğer verileri de kapsar.',
    sgb10_67b: 'Alman Sosyal Yasası Onuncu Kitap (SGB X) § 67b fıkra 2 uyarınca sosyal verilerin iletilmesine verdiğiniz onay; onay yazılı veya elektronik olarak verilir.',
  },
  givenByLabels: { self: 'kişinin kendisi', guardian: 'yasal temsilci' },
  voluntary: 'Onay vermek isteğe bağlıdır. Onay vermezseniz veya onayınızı geri alırsanız, bu durum danışmanlığınızı olumsuz etkilemez.',
  withdrawal:
    'Onayınızı istediğiniz zaman, gerekçe göstermeden, Belediye Entegrasyon Merkezi’ne sözlü veya yazılı olarak bildirerek geri alabilirsiniz (DSGVO madde 7 fıkra 3). Geri alma ileriye dönük etkilidir; geri almadan önce yapılan iletimler hukuka uygun kalır.',
  rights:
    'Verileriniz hakkında bilgi alma, verilerinizin düzeltilmesini, silinmesini veya işlenmesinin kısıtlanmasını isteme ve Kuzey Ren-Vestfalya Veri Koruma ve Bilgi Edinme Özgürlüğü Görevlisi’ne şikâyette bulunma hakkına sahipsiniz.',
  placeDate: 'Yer, tarih',
  signatureSelf: 'Kişinin imzası',
  signatureGuardian: 'Yasal temsilcinin imzası',
  guardianName: 'Yasal temsilcinin adı',
  withdrawnAt: (d) => `${d} tarihinde geri alındı`,
};

export const CONSENT_FORM_TEXTS: Record<ConsentFormLanguage, ConsentFormTexts> = { de, en, ar, fa, uk, ru, tr };
