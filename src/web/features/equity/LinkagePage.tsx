import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { equityApi, type LinkageReport } from '../../api/listing';
import { useI18n } from '../../app/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatWan } from '../../components/format';
import { useApi } from '../../components/useApi';
import { BarChart } from '../listing/BarChart';
import { lbl, today } from '../listing/labels';

/** 投贷联动 (seed 003 三): linked loans by mode at year end, and 表3 rounds completed before the first linked loan. */
export function LinkagePage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? Number(today().slice(0, 4)) - 1);
  const { data, error, loading, reload } = useApi((s) => equityApi.linkage(year, s), String(year));
  const sum = (k: 'enterprises' | 'loans' | 'balance') => (data?.modes ?? []).reduce((s, m) => s + m[k], 0);
  return (
    <Card title={t('nav.linkageReport')} data-testid="linkage-page" extra={<Button icon={<DownloadOutlined />} href={equityApi.linkageXlsxUrl(year)} data-testid="linkage-xlsx">XLSX</Button>}>
      <Space style={{ marginBottom: 12 }}><span>{t('eq.linkage.year')}</span><InputNumber min={2000} max={2200} value={year} onChange={(v) => v && setParams({ year: String(v) }, { replace: true })} data-testid="linkage-year" /></Space>
      <ErrorAlert error={error} onRetry={reload} />
      {data ? <Typography.Paragraph type="secondary" data-testid="linkage-computed-at">{t('eq.linkage.computedAt', { at: formatDateTime(data.computedAt, language) })}</Typography.Paragraph> : null}
      {data ? (
        <Row gutter={16}>
          <Col span={12}>
            <Typography.Title level={5}>{t('eq.linkage.title', { year: data.year })}</Typography.Title>
            <Table<LinkageReport['modes'][number]> rowKey="mode" size="small" bordered pagination={false} loading={loading} dataSource={data.modes} data-testid="linkage-modes"
              columns={[
                { key: 'm', title: t('eq.linkage.mode'), render: (_, r) => lbl(t, 'eq.mode', r.mode) },
                { key: 'e', title: t('eq.linkage.enterprises'), dataIndex: 'enterprises', align: 'right' },
                { key: 'l', title: t('eq.linkage.loans'), dataIndex: 'loans', align: 'right' },
                { key: 'b', title: t('eq.linkage.balance'), align: 'right', render: (_, r) => formatWan(r.balance, language) },
              ]}
              summary={() => (
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('eq.linkage.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{sum('enterprises')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{sum('loans')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{formatWan(sum('balance'), language)}</Table.Summary.Cell>
                </Table.Summary.Row>
              )} />
            <BarChart categories={data.modes.map((m) => lbl(t, 'eq.mode', m.mode))} series={[{ name: t('eq.linkage.enterprises'), data: data.modes.map((m) => m.enterprises) }]} height={220} />
          </Col>
          <Col span={12}>
            <Typography.Title level={5}>{t('eq.linkage.rounds')}</Typography.Title>
            <Table<LinkageReport['roundsBeforeCredit'][number]> rowKey="round" size="small" bordered pagination={false} dataSource={data.roundsBeforeCredit} data-testid="linkage-rounds"
              columns={[
                { key: 'r', title: t('eq.linkage.round'), render: (_, r) => lbl(t, 'eq.round', r.round) },
                { key: 'e', title: t('eq.linkage.enterprises'), dataIndex: 'enterprises', align: 'right' },
              ]}
              summary={() => (
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>{t('eq.linkage.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{data.roundsBeforeCredit.reduce((s, r) => s + r.enterprises, 0)}</Table.Summary.Cell>
                </Table.Summary.Row>
              )} />
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
