-- The programme catalogue every KI in NRW starts with (research-domain.md §1–§4; amounts and references as of their
-- source year). Staff edit it in the app: rules change yearly, so each change is a new dated version.
INSERT INTO funding_programmes (code, name, short_name, parent_id, grant_giver, section, financing_type, pass_through_allowed, sort_order) VALUES
  ('KI_GRUND', 'Grundförderung Kommunale Integrationszentren (inkl. Sprachmittlerpool)', 'KI-Grundförderung', NULL, 'Bezirksregierung Arnsberg, Dez. 36 – Kompetenzzentrum für Integration (KfI)', 'programme', 'fixed', true, 10),
  ('KIM', 'Kommunales Integrationsmanagement (KIM)', 'KIM', NULL, 'Bezirksregierung Arnsberg, Dez. 36 – Kompetenzzentrum für Integration (KfI)', 'programme', 'fixed', true, 20),
  ('KOMM_AN', 'KOMM-AN NRW', 'KOMM-AN NRW', NULL, 'Bezirksregierung Arnsberg, Dez. 36 – Kompetenzzentrum für Integration (KfI)', 'programme', 'fixed', true, 30),
  ('IFKUF', 'Integrationschancen für Kinder und Familien (IfKuF)', 'IfKuF', NULL, 'Bezirksregierung Arnsberg, Dez. 36 – Kompetenzzentrum für Integration (KfI)', 'programme', 'fixed', true, 40),
  ('DURCHSTARTEN', 'Durchstarten in Ausbildung und Arbeit', 'Durchstarten', NULL, 'MAGS und MKFFI NRW über die Bezirksregierung Arnsberg', 'programme', 'fixed', true, 50),
  ('GLA', 'Guter Lebensabend NRW', 'Guter Lebensabend', NULL, 'Bezirksregierung Arnsberg, Dez. 36 – Kompetenzzentrum für Integration (KfI)', 'programme', 'fixed', true, 60),
  ('IP_14C', 'Integrationspauschale (§ 14c TIG 2012 = § 18 TIntG 2022)', 'Integrationspauschale', NULL, 'Land NRW (Zuweisung, Festsetzung durch die Bezirksregierung Arnsberg)', 'lump_sum', 'fixed', true, 70),
  ('EIGEN_PROJEKT', 'Projektmittel des Kreises für das KI (Eigenmittel)', 'Projektmittel (Eigenmittel)', NULL, 'Kreishaushalt (Eigenmittel)', 'own_funds', 'fixed', false, 80);
--> statement-breakpoint
INSERT INTO funding_programmes (code, name, short_name, parent_id, grant_giver, section, financing_type, pass_through_allowed, sort_order)
SELECT c.code, c.name, c.short_name, p.id, p.grant_giver, 'programme', 'fixed', c.pass_through, c.sort_order
FROM (VALUES
  ('KI_SMP', 'KI_GRUND', 'Laien-Sprachmittlerpool', 'Sprachmittlerpool', false, 11),
  ('KIM_B1', 'KIM', 'KIM Baustein 1 – Strategisches Management und Koordinierung', 'KIM Baustein 1', false, 21),
  ('KIM_B1_VA', 'KIM', 'KIM Baustein 1 – Verwaltungsassistenz', 'KIM B1 Verwaltungsassistenz', false, 22),
  ('KIM_B2', 'KIM', 'KIM Baustein 2 – Rechtskreisübergreifendes Case Management', 'KIM Baustein 2', true, 23),
  ('KIM_B3', 'KIM', 'KIM Baustein 3 – Ausländer- und Einbürgerungsbehörden', 'KIM Baustein 3', false, 24),
  ('KOMM_AN_I', 'KOMM_AN', 'KOMM-AN NRW Programmteil I – Stärkung der Kommunalen Integrationszentren', 'KOMM-AN I', false, 31),
  ('KOMM_AN_II', 'KOMM_AN', 'KOMM-AN NRW Programmteil II – Bedarfsorientierte Maßnahmen vor Ort (Bausteine A–D)', 'KOMM-AN II', true, 32),
  ('IFKUF_RUCKSACK', 'IFKUF', 'Rucksack KiTa und Rucksack Schule', 'Rucksack', true, 41),
  ('IFKUF_GRIFFBEREIT', 'IFKUF', 'Griffbereit und griffbereitMINI', 'Griffbereit', true, 42),
  ('DURCHSTARTEN_F1', 'DURCHSTARTEN', 'Durchstarten Förderbaustein F1 – Coaching', 'Durchstarten F1', true, 51),
  ('DURCHSTARTEN_F2', 'DURCHSTARTEN', 'Durchstarten Förderbaustein F2 – Berufsbegleitende Qualifizierung und Sprachförderung', 'Durchstarten F2', true, 52),
  ('DURCHSTARTEN_F3', 'DURCHSTARTEN', 'Durchstarten Förderbaustein F3 – Nachträglicher Erwerb des Hauptschulabschlusses', 'Durchstarten F3', true, 53),
  ('DURCHSTARTEN_F4', 'DURCHSTARTEN', 'Durchstarten Förderbaustein F4 – Schul-, ausbildungs- und berufsvorbereitende Kurse, Jugendintegrationskurse', 'Durchstarten F4', true, 54)
) AS c(code, parent_code, name, short_name, pass_through, sort_order)
JOIN funding_programmes p ON p.code = c.parent_code;
--> statement-breakpoint
INSERT INTO funding_programme_versions (programme_id, valid_from, valid_to, legal_reference, guideline, flat_rate_per_fte_cents, max_amount_cents, max_fte_milli, application_deadline, report_deadline, notes)
SELECT p.id, v.valid_from::date, v.valid_to::date, v.legal_reference, v.guideline, v.flat_rate, v.max_amount, v.max_fte, v.application_deadline, v.report_deadline, v.notes
FROM (VALUES
  ('KI_GRUND', '2012-01-01', '2021-12-31', '§ 7 TIG (Teilhabe- und Integrationsgesetz vom 14.02.2012)', 'Runderlass „Kommunale Integrationszentren“ vom 08.05.2018 (BASS 12-21 Nr. 18)', 5000000::bigint, NULL::bigint, NULL::int, NULL, NULL, 'Pauschale je kommunaler Stelle (Stand 2017: bis 50.000 €); Lehrkräfte werden vom Land abgeordnet und sind keine Kosten des Kreises.'),
  ('KI_GRUND', '2022-01-01', '2023-03-09', '§ 8 TIntG (Teilhabe- und Integrationsgesetz vom 25.11.2021)', 'Runderlass vom 08.05.2018, geändert am 19.12.2022: Sprachmittlerpool und KOMM-AN sind Bestandteile der Grundförderung', 5000000, NULL, NULL, NULL, NULL, 'Zwei getrennte Mittelabrufe je Abruftermin: Nr. 2.1/2.2 und Nr. 2.3 (ehrenamtliches Engagement/Väterarbeit).'),
  ('KI_GRUND', '2023-03-10', NULL, '§ 8 TIntG', 'KI-Förderrichtlinie, Neufassung vom 10.03.2023 (MBl. NRW. 2023 S. 225)', 5000000, NULL, NULL, NULL, NULL, 'Verwendungsnachweis 2024 per Excel-Vorlage (Online-Verfahren gestört).'),
  ('KI_SMP', '2019-01-01', '2021-12-31', '§ 7 TIG; Landesmittel Laien-Sprachmittlerpool', 'Förderung niedrigschwelliger Sprachmittlung durch die KI', NULL, 5000000, NULL, NULL, NULL, 'Rund 50.000 € Landesmittel je Jahr und Kreis; nur niederschwellige Termine ohne erkennbare Rechtsfolge.'),
  ('KI_SMP', '2022-01-01', NULL, '§ 8 TIntG', 'Runderlass vom 19.12.2022: Bestandteil der Grundförderung; Konzeption erforderlich', NULL, 5000000, NULL, NULL, NULL, 'Rund 50.000 € Landesmittel je Jahr und Kreis.'),
  ('KIM', '2020-07-01', '2021-12-31', 'Richtlinie KIM, RdErl. MKFFI vom 25.11.2020 (MBl. NRW. 2020 Nr. 32), § 44 LHO', 'Richtlinie zur Implementierung und zum Betrieb eines strategischen Kommunalen Integrationsmanagements', NULL, NULL, NULL, NULL, NULL, 'Drei Bausteine, jährlicher Antrag bei der Bezirksregierung Arnsberg.'),
  ('KIM', '2022-01-01', '2024-12-31', '§ 9 TIntG', 'Richtlinie KIM vom 25.11.2020', NULL, NULL, NULL, NULL, NULL, 'Weiterleitung an kreisangehörige Gemeinden möglich (§ 9 Abs. 2 TIntG); keine Doppelförderung (§ 9 Abs. 4).'),
  ('KIM', '2025-01-01', NULL, '§ 9 TIntG', 'Richtlinie zur Durchführung eines strategischen KIM, RdErl. MKJFGFI vom 12.12.2024 (MBl. NRW. 2024 Nr. 43)', NULL, NULL, NULL, NULL, NULL, ''),
  ('KIM_B1', '2020-07-01', '2021-12-31', 'Richtlinie KIM vom 25.11.2020', 'Baustein 1: Koordinierung, Lenkungsgruppe, Arbeits- und Projektgruppen', 5700000, NULL, NULL, NULL, NULL, 'Bis 5.700 € Arbeitsplatzausstattung je Vollzeitstelle.'),
  ('KIM_B1', '2022-01-01', NULL, '§ 9 TIntG', 'Baustein 1: Koordinierung, Lenkungsgruppe, Arbeits- und Projektgruppen', 5700000, NULL, NULL, NULL, NULL, 'Bis 5.700 € Arbeitsplatzausstattung je Vollzeitstelle.'),
  ('KIM_B1_VA', '2020-07-01', '2021-12-31', 'Richtlinie KIM vom 25.11.2020', 'Baustein 1: Verwaltungsassistenz', 4500000, 2250000, 500, NULL, NULL, '22.500 € je 0,5 VZÄ Verwaltungsassistenz.'),
  ('KIM_B1_VA', '2022-01-01', NULL, '§ 9 TIntG', 'Baustein 1: Verwaltungsassistenz', 4500000, 2250000, 500, NULL, NULL, '22.500 € je 0,5 VZÄ Verwaltungsassistenz.'),
  ('KIM_B2', '2020-07-01', '2021-12-31', 'Richtlinie KIM vom 25.11.2020', 'Baustein 2: Rechtskreisübergreifendes Case Management', 5700000, NULL, NULL, NULL, NULL, '57.000 € je VZÄ; Stellen auch bei kreisangehörigen Kommunen oder der Freien Wohlfahrt.'),
  ('KIM_B2', '2022-01-01', NULL, '§ 9 TIntG', 'Baustein 2: Rechtskreisübergreifendes Case Management', 5700000, NULL, NULL, NULL, NULL, '57.000 € je VZÄ.'),
  ('KIM_B3', '2020-07-01', '2021-12-31', 'Richtlinie KIM vom 25.11.2020', 'Baustein 3: Zusätzliche Stellen in Ausländer- und Einbürgerungsbehörden (§§ 25a, 25b AufenthG, Einbürgerung)', 5700000, NULL, NULL, NULL, NULL, ''),
  ('KIM_B3', '2022-01-01', NULL, '§ 9 TIntG', 'Baustein 3: Zusätzliche Stellen in Ausländer- und Einbürgerungsbehörden (§§ 25a, 25b AufenthG, Einbürgerung)', 5700000, NULL, NULL, NULL, NULL, ''),
  ('KOMM_AN', '2016-01-01', '2023-03-09', 'Förderkonzeption KOMM-AN NRW vom 12.12.2018', 'Programmteile I (KI), II (Maßnahmen vor Ort), III (Integrationsagenturen, nicht KI)', NULL, NULL, NULL, NULL, NULL, ''),
  ('KOMM_AN', '2023-03-10', NULL, '§ 8 TIntG', 'KI-Förderrichtlinie vom 10.03.2023 (KOMM-AN Programmteil I und II)', NULL, NULL, NULL, NULL, NULL, ''),
  ('KOMM_AN_I', '2016-01-01', NULL, 'Förderkonzeption KOMM-AN NRW; ab 10.03.2023 KI-Förderrichtlinie', 'Stärkung der KI: 1, 1,5 oder 2 Stellen nach Bevölkerungsschlüssel', 5700000, 13400000, 2000, NULL, NULL, '1, 1,5 oder 2 Stellen × 57.000 € (höchstens 114.000 €) zuzüglich 10.000/15.000/20.000 € für Maßnahmen; Antrag nur online.'),
  ('KOMM_AN_II', '2016-01-01', NULL, 'Förderkonzeption KOMM-AN NRW; ab 10.03.2023 KI-Förderrichtlinie', 'Bausteine A (Ankommenstreffpunkte), B (Zusammenkommen), C (Information), D (Qualifizierung Ehrenamtlicher)', NULL, NULL, NULL, '02-28', NULL, 'Weiterleitung an Vereine, Initiativen, MSO und Kirchengemeinden per Weiterleitungsvertrag (ANBest-P); die KI prüft deren Verwendungsnachweise.'),
  ('IFKUF', '2018-01-01', NULL, '§ 44 LHO; Förderprogramm des MKJFGFI über die Bezirksregierung Arnsberg (KfI)', 'Integrationschancen für Kinder und Familien', NULL, 3330000, NULL, '01-31', NULL, 'Bis 33.300 € je Jahr für Personal- und Sachkosten; Grundqualifizierung Elternbegleitung bis 7.300 €; elektronischer Antrag bis 31.01.'),
  ('IFKUF_RUCKSACK', '2018-01-01', NULL, 'IfKuF', 'Rucksack KiTa (4–6 Jahre) und Rucksack Schule (Klassen 1–4)', NULL, NULL, NULL, '01-31', NULL, 'Wöchentliche Elterngruppen über neun Monate, geleitet von Elternbegleiter:innen.'),
  ('IFKUF_GRIFFBEREIT', '2018-01-01', NULL, 'IfKuF', 'Griffbereit (1–3 Jahre), seit 2023 griffbereitMINI (bis 1 Jahr)', NULL, NULL, NULL, '01-31', NULL, ''),
  ('DURCHSTARTEN', '2020-01-01', '2023-06-30', 'Aufruf MAGS vom 18.12.2019/16.04.2020 (Landesinitiative Durchstarten in Ausbildung und Arbeit)', 'Junge Geflüchtete 18–27 Jahre mit Duldung oder Gestattung', NULL, NULL, NULL, NULL, NULL, 'Verlängert bis 30.06.2023; Teilhabemanagement (F6) endete am 30.06.2022.'),
  ('DURCHSTARTEN_F1', '2020-01-01', '2023-06-30', 'Aufruf MAGS vom 18.12.2019/16.04.2020', 'F1 Coaching', NULL, NULL, NULL, NULL, NULL, 'Coaching mit Unterschrift der Teilnehmenden oder dokumentierter Alternative.'),
  ('DURCHSTARTEN_F2', '2020-01-01', '2023-06-30', 'Aufruf MAGS vom 18.12.2019/16.04.2020', 'F2 Berufsbegleitende Qualifizierung und/oder Sprachförderung', NULL, NULL, NULL, NULL, NULL, ''),
  ('DURCHSTARTEN_F3', '2020-01-01', '2023-06-30', 'Aufruf MAGS vom 18.12.2019/16.04.2020', 'F3 Nachträglicher Erwerb des Hauptschulabschlusses', NULL, NULL, NULL, NULL, NULL, ''),
  ('DURCHSTARTEN_F4', '2020-01-01', '2023-06-30', 'Aufruf MAGS vom 18.12.2019/16.04.2020', 'F4 Schul-, ausbildungs- und berufsvorbereitende Kurse, Jugendintegrationskurse', NULL, NULL, NULL, NULL, NULL, ''),
  ('GLA', '2020-11-01', '2023-12-31', '§ 44 LHO; Modellprogramm des MKFFI/MKJFGFI', 'Guter Lebensabend NRW – kultursensible Altenhilfe und Pflege (21 Modellkommunen)', NULL, NULL, NULL, NULL, NULL, 'Laufzeit 11/2020–12/2022, für 14 Kommunen verlängert bis 12/2023; Umsetzung meist mit einem Wohlfahrtsverband.'),
  ('IP_14C', '2019-01-01', '2021-12-31', '§ 14c TIG (Zuweisungen für Integrationsmaßnahmen 2019)', 'Landeszuweisung an Gemeinden (400 Mio. €) und Kreise (32,8 Mio. €)', NULL, NULL, NULL, NULL, NULL, 'Für die Koordinierungsfunktion der Kreise, insbesondere im KIM; Beauftragung Dritter möglich; keine Doppelförderung. Verwendung zunächst bis 30.11.2021.'),
  ('IP_14C', '2022-01-01', NULL, '§ 18 TIntG (vormals § 14c TIG)', 'Zuweisungen für Integrationsmaßnahmen 2019', NULL, NULL, NULL, NULL, '03-31', 'Verwendbar bis 30.11.2022 (Verlängerung wegen Corona); Verwendungsnachweis bis 31.03.2023.'),
  ('EIGEN_PROJEKT', '2014-01-01', NULL, 'Haushaltssatzung des Kreises', 'Projektmittel des KI im Kreishaushalt', NULL, NULL, NULL, NULL, NULL, 'Für Projekte und Maßnahmen wie Siegel „Interkulturell orientiert“, Integrationspreis und Fachveranstaltungen.')
) AS v(code, valid_from, valid_to, legal_reference, guideline, flat_rate, max_amount, max_fte, application_deadline, report_deadline, notes)
JOIN funding_programmes p ON p.code = v.code;
