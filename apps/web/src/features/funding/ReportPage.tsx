import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatDateDe, formatPercentBp, POSITION_CATEGORY_LABELS_DE, type ReceiptLine, type UseOfFundsReport } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { DownloadIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { downloadUrl, finaliseReport, fundingKey, saveNarrative, useReport } from './api';
import { ErrorBox, euro, Fact, FactList, FundingTabs, ScrollRegion } from './common';
import { useT } from '../../i18n';

export function ReportPage() {
  const { id = '', year = '' } = useParams();
  const report = useReport(id, Number(year));
  if (report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  return <Report report={report.data} />;
}

function deviation(bp: number | null) {
  return bp === null ? 'nicht bewilligt' : formatPercentBp(bp);
}

function Report({ report }: { report: UseOfFundsReport }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [narrative, setNarrative] = useState(report.narrative);
  const [saved, setSaved] = useState(false);
  const base = `/funding/grants/${report.grantId}/reports/${report.budgetYear}`;
  const save = useMutation({
    mutationFn: () => saveNarrative(report.grantId, report.budgetYear, report.version, narrative),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: fundingKey });
    },
  });
  const finalise = useMutation({
    mutationFn: () => finaliseReport(report.grantId, report.budgetYear, report.version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKey }),
  });
  const final = report.status === 'final';
  return (
    <Page
      title={t('funding.report.title', { year: report.budgetYear })}
      description={`${report.grantTitle} – ${report.programmeName}`}
      actions={
        <Group gap="sm">
          <Button component="a" href={downloadUrl(`${base}/statement.xlsx`)} variant="default" leftSection={<DownloadIcon size={16} />}>
            {t('funding.report.zahlenmaessigerNachweisXlsx')}
          </Button>
          <Button component="a" href={downloadUrl(`${base}/statement.pdf`)} variant="default" leftSection={<DownloadIcon size={16} />}>
            {t('funding.report.zahlenmaessigerNachweisPdf')}
          </Button>
          <Button component="a" href={downloadUrl(`${base}/narrative.pdf`)} variant="default" leftSection={<DownloadIcon size={16} />}>
            {t('funding.report.sachberichtEntwurfPdf')}
          </Button>
        </Group>
      }
    >
      <FundingTabs />
      <Anchor component={Link} to={`/foerderung/bescheide/${report.grantId}`}>
        {t('funding.report.zurueckZumBescheid')}
      </Anchor>
      {final ? (
        <Alert color="green" variant="light" role="status" title={t('funding.report.abgeschlossen')}>
          Abgeschlossen von {report.finalisedByName ?? '–'} am {formatDateDe(report.finalisedAt?.slice(0, 10))}.
        </Alert>
      ) : (
        <Badge color="orange.9" variant="light">
          {t('funding.report.entwurf')}
        </Badge>
      )}
      <FactList>
        <Fact label={t('funding.report.zuwendungsempfaenger')}>{report.organisationName}</Fact>
        <Fact label={t('funding.report.aktenzeichen')}>{report.fileNumber}</Fact>
        <Fact label={t('funding.report.bewilligungszeitraum')}>{`${formatDateDe(report.approvalStart)} – ${formatDateDe(report.approvalEnd)}`}</Fact>
        <Fact label={t('funding.report.vorlageBis')}>{formatDateDe(report.reportDueDate)}</Fact>
        <Fact label={t('funding.report.abgerufeneMittel')}>{euro(report.calledOffCents)}</Fact>
      </FactList>

      <section aria-labelledby="statement">
        <Title order={2} id="statement" mb="xs">
          {t('funding.report.zahlenmaessigerNachweis')}
        </Title>
        <ScrollRegion label={t('funding.report.zahlenmaessigerNachweis')} minWidth={640}>
          <Table striped aria-labelledby="statement" data-testid="statement-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Position</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('funding.report.bewilligt')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('funding.report.istAusgaben')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('funding.report.abweichung')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('funding.report.abweichungIn')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.lines.map((l) => (
                <Table.Tr key={l.category}>
                  <Table.Th scope="row">{l.label}</Table.Th>
                  <Table.Td ta="right">{euro(l.approvedCents)}</Table.Td>
                  <Table.Td ta="right">{euro(l.actualCents)}</Table.Td>
                  <Table.Td ta="right">{euro(l.deviationCents)}</Table.Td>
                  <Table.Td ta="right">{deviation(l.deviationBp)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Th scope="row">Summe</Table.Th>
                <Table.Td ta="right">{euro(report.totals.approvedCents)}</Table.Td>
                <Table.Td ta="right">{euro(report.totals.actualCents)}</Table.Td>
                <Table.Td ta="right">{euro(report.totals.deviationCents)}</Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="checklist">
        <Title order={2} id="checklist" mb="xs">
          {t('funding.report.wasNochFehlt')}
        </Title>
        <List spacing={4}>
          {report.checklist.map((c) => (
            <List.Item key={c.key}>
              <Text span fw={c.done ? 400 : c.blocking ? 700 : 500} c={c.done ? undefined : c.blocking ? 'red.9' : undefined}>
                {c.done ? 'Erledigt: ' : c.blocking ? 'Offen (Pflicht): ' : 'Offen: '}
                {c.label}
              </Text>
            </List.Item>
          ))}
        </List>
      </section>

      <section aria-labelledby="activity">
        <Title order={2} id="activity" mb="xs">
          {t('funding.report.kennzahlenFuerDenSachbericht')}
        </Title>
        {report.activity.length === 0 ? (
          <Text c="dimmed">{t('funding.report.noFigures')}</Text>
        ) : (
          <List spacing={4}>
            {report.activity.map((a) => (
              <List.Item key={a.label}>
                {a.label}:{' '}
                {a.value === null ? (
                  <Text span c="red.9" style={{ fontStyle: 'italic' }}>
                    {a.gap}
                  </Text>
                ) : (
                  <strong>{a.value}</strong>
                )}{' '}
                <Text span size="sm" c="dimmed">
                  ({a.source})
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </section>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="narrative">
        <Stack gap="sm">
          <Title order={2} id="narrative">
            {t('funding.report.sachbericht')}
          </Title>
          <ErrorBox error={save.error ?? finalise.error} />
          {saved && !save.isPending ? (
            <Text role="status" size="sm">
              {t('funding.report.sachberichtGespeichert')}
            </Text>
          ) : null}
          <Textarea
            label={t('funding.report.verwendungDerZuwendungUnd')}
            description={t('funding.report.kurzWasMitDem')}
            autosize
            minRows={6}
            value={narrative}
            readOnly={!report.can.edit}
            onChange={(e) => {
              setNarrative(e.currentTarget.value);
              setSaved(false);
            }}
          />
          <Group justify="flex-end">
            {report.can.edit ? (
              <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
                {t('funding.report.sachberichtSpeichern')}
              </Button>
            ) : null}
            {!final && report.can.finalise ? (
              <Button onClick={() => finalise.mutate()} loading={finalise.isPending}>
                {t('funding.report.verwendungsnachweisAbschliessen')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Paper>

      <section aria-labelledby="receipts">
        <Title order={2} id="receipts" mb="xs">
          {t('funding.report.belegliste')}
        </Title>
        <DataTable<ReceiptLine>
          caption={t('funding.report.belegliste')}
          rows={report.receipts}
          rowKey={(b) => `${b.bookingDate}-${b.receiptNo}-${b.amountCents}-${b.payee}`}
          empty={t('funding.report.keineIstAusgabenGebucht')}
          columns={[
            { key: 'date', header: t('funding.report.datum'), rowHeader: true, render: (b) => formatDateDe(b.bookingDate) },
            { key: 'pos', header: t('funding.report.position'), render: (b) => POSITION_CATEGORY_LABELS_DE[b.category] },
            { key: 'payee', header: t('funding.report.empfaengerIn'), render: (b) => <bdi>{b.payee}</bdi> },
            { key: 'receipt', header: t('funding.report.belegNr'), render: (b) => b.receiptNo || '–' },
            { key: 'amount', header: t('funding.report.betrag'), nowrap: true, render: (b) => euro(b.amountCents) },
          ]}
        />
      </section>
    </Page>
  );
}
