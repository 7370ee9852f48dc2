import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Statistic, Table, Tabs, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { riskPoolApi, type Enrolment, type LedgerEntry } from '../../api/risk-pool';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan, toWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { FileClaimModal } from './FileClaimModal';
import { pct, StandingTag, today, yuanText } from './labels';
import { ClaimsByStatusChart, BalanceChart } from './PoolCharts';
import { RiskClaimTable } from './RiskClaimListPage';

/** One pool: terms, balance over time, claims by status, loss rate against tolerance, enrolled loans, claims, ledger. */
export function PoolPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const user = useUser();
  const manage = can(user, 'riskPool.manage');
  const { data: pool, error, reload } = useApi((signal) => riskPoolApi.pool(id, signal), `pool:${id}`);
  const [nonce, setNonce] = useState(0);
  const refresh = () => {
    reload();
    setNonce((n) => n + 1);
  };
  const [contributing, setContributing] = useState<string | null>(null);
  const [enrolling, setEnrolling] = useState(false);
  const [filing, setFiling] = useState<Enrolment | null>(null);

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!pool) return <Card loading />;
  const f = pool.figures;
  const sharePct = Math.round(pool.share * 10000) / 100;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="pool-page">
      <Card
        title={<>{pool.name} <Typography.Text code>{pool.code}</Typography.Text> <Tag color={pool.mode === 'upfront' ? 'magenta' : 'blue'}>{t(`riskPool.mode.${pool.mode}`)}</Tag></>}
        extra={
          <Space>
            {can(user, 'riskPool.enrol') && pool.status === 'active' && <Button icon={<PlusOutlined />} onClick={() => setEnrolling(true)} data-testid="pool-enrol">{t('riskPool.enrol')}</Button>}
            {manage && pool.status === 'active' && <Button type="primary" onClick={() => setContributing(crypto.randomUUID())} data-testid="pool-contribute">{t('riskPool.contribute')}</Button>}
          </Space>
        }
      >
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Statistic title={`${t('riskPool.field.balance')}（${t('unit.wan')}）`} value={toWan(pool.balance) ?? 0} precision={2} data-testid="pool-stat-balance" /></Col>
          <Col xs={12} md={6}><Statistic title={`${t('riskPool.field.contributed')}（${t('unit.wan')}）`} value={toWan(pool.contributed) ?? 0} precision={2} /></Col>
          <Col xs={12} md={6}><Statistic title={`${t('riskPool.field.paidOut')}（${t('unit.wan')}）`} value={toWan(pool.paidOut) ?? 0} precision={2} /></Col>
          <Col xs={12} md={6}><Statistic title={`${t('riskPool.field.recovered')}（${t('unit.wan')}）`} value={toWan(pool.recovered) ?? 0} precision={2} /></Col>
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('riskPool.field.sponsor')}>{pool.sponsor.name}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.share')}>{t('riskPool.sharePct', { pool: sharePct, bank: Math.round((100 - sharePct) * 100) / 100 })}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.collateralModes')}>{pool.collateralModes.length ? pool.collateralModes.map((c) => t(`collateral.${c}`)).join('、') : t('riskPool.allCovered')}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.products')}>{pool.products.length ? pool.products.map((p) => p.name).join('、') : t('riskPool.allCovered')}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.perLoanCap')}>{pool.perLoanCap === null ? t('riskPool.noCap') : yuanText(pool.perLoanCap, language)}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.perBankYearCap')}>{pool.perBankYearCap === null ? t('riskPool.noCap') : yuanText(pool.perBankYearCap, language)}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.status')}>{t(`riskPool.status.${pool.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('riskPool.field.basis')}>{pool.basis}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('riskPool.chart.balance')}><BalanceChart series={pool.balanceSeries} /></Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('riskPool.chart.claims')}>
            {pool.scope === 'own' && <Alert type="info" showIcon title={t('riskPool.ownScope')} style={{ marginBottom: 8 }} />}
            <ClaimsByStatusChart rows={pool.claimsByStatus} />
            <Row gutter={8}>
              <Col span={8}>
                <Statistic title={t('riskPool.figures.lossRate')} value={pct(f.lossRate)} data-testid="pool-loss-rate" />
              </Col>
              <Col span={8}><Statistic title={t('riskPool.figures.tolerance')} value={pct(pool.nplTolerance)} /></Col>
              <Col span={8}><Statistic title={t('riskPool.figures.nplRatio')} value={pct(f.nplRatio)} /></Col>
            </Row>
            <Tag color={f.overTolerance ? 'red' : 'green'} data-testid="pool-tolerance-tag" style={{ marginTop: 8 }}>
              {t(f.overTolerance ? 'riskPool.figures.overTolerance' : 'riskPool.figures.withinTolerance')}
            </Tag>
            <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
              <Descriptions.Item label={t('riskPool.figures.enrolledLoans')}>{f.enrolledLoans}</Descriptions.Item>
              <Descriptions.Item label={t('riskPool.figures.enrolledPrincipal')}>{formatWan(f.enrolledPrincipal, language)}</Descriptions.Item>
              <Descriptions.Item label={t('riskPool.figures.netLoss')}>{formatWan(f.netLoss, language)}</Descriptions.Item>
              <Descriptions.Item label={t('riskPool.figures.owed')}>{formatWan(f.owedToBanks, language)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <Card>
        <Tabs
          items={[
            { key: 'enrolments', label: t('riskPool.tab.enrolments'), children: <Enrolments poolId={id} nonce={nonce} onFile={can(user, 'riskPool.file') ? setFiling : null} /> },
            { key: 'claims', label: t('riskPool.tab.claims'), children: <RiskClaimTable query={{ poolId: id }} nonce={nonce} /> },
            ...(can(user, 'riskPool.ledger') ? [{ key: 'ledger', label: t('riskPool.tab.ledger'), children: <Ledger poolId={id} nonce={nonce} /> }] : []),
          ]}
        />
      </Card>

      <ModalForm<{ amount: number; contributedOn: string; reference: string }>
        open={contributing !== null}
        testId="pool-contribute-modal"
        title={t('riskPool.contribute')}
        initialValues={{ contributedOn: today() }}
        onCancel={() => setContributing(null)}
        onSubmit={async (v) => {
          // One key per opened dialog: a double click or a retry contributes once.
          const r = await riskPoolApi.contribute(id, v, contributing!);
          message.success(r.paidClaims.length ? t('riskPool.contribute.paid', { n: r.paidClaims.length }) : t('common.saved'));
          setContributing(null);
          refresh();
        }}
      >
        <Form.Item name="amount" label={t('riskPool.contribute.amount')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="contribute-amount" /></Form.Item>
        <Form.Item name="contributedOn" label={t('riskPool.contribute.on')} rules={[{ required: true, message: t('common.required') }]}><Input type="date" data-testid="contribute-on" /></Form.Item>
        <Form.Item name="reference" label={t('riskPool.contribute.reference')} rules={[{ required: true, message: t('common.required') }]}><Input data-testid="contribute-reference" /></Form.Item>
      </ModalForm>

      <ModalForm<{ loanId: string; enrolledOn: string }>
        open={enrolling}
        testId="pool-enrol-modal"
        title={t('riskPool.enrol')}
        initialValues={{ enrolledOn: today() }}
        onCancel={() => setEnrolling(false)}
        onSubmit={async (v) => {
          await riskPoolApi.enrol(id, { loanId: v.loanId.trim(), enrolledOn: v.enrolledOn });
          message.success(t('common.saved'));
          setEnrolling(false);
          refresh();
        }}
      >
        <Form.Item name="loanId" label={t('riskPool.enrol.loan')} rules={[{ required: true, message: t('common.required') }]}><Input data-testid="enrol-loan" /></Form.Item>
        <Form.Item name="enrolledOn" label={t('riskPool.enrol.on')} rules={[{ required: true, message: t('common.required') }]}><Input type="date" /></Form.Item>
      </ModalForm>

      <FileClaimModal enrolment={filing} onClose={() => setFiling(null)} />
    </Space>
  );
}

function Enrolments({ poolId, nonce, onFile }: { poolId: string; nonce: number; onFile: ((e: Enrolment) => void) | null }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => riskPoolApi.enrolments({ poolId, page, pageSize: 20 }, signal), `enrolments:${poolId}:${page}:${nonce}`);
  const columns: ColumnsType<Enrolment> = [
    { key: 'loanNo', title: t('riskPool.enrolment.loanNo'), render: (_, e) => <Typography.Text code>{e.loan.loanNo}</Typography.Text> },
    { key: 'enterprise', title: t('riskPool.enrolment.enterprise'), dataIndex: 'enterpriseName' },
    { key: 'bank', title: t('riskPool.enrolment.bank'), render: (_, e) => e.bank.name },
    { key: 'collateral', title: t('riskPool.field.collateralModes'), render: (_, e) => t(`collateral.${e.loan.collateralMode}`) },
    { key: 'principal', title: t('riskPool.enrolment.principal'), dataIndex: 'principal', align: 'right', render: (v: number) => formatWan(v, language) },
    { key: 'enrolledOn', title: t('riskPool.enrolment.enrolledOn'), dataIndex: 'enrolledOn' },
    { key: 'standing', title: t('riskPool.enrolment.standing'), render: (_, e) => <StandingTag standing={e.standing} /> },
    {
      key: 'claim',
      title: t('riskPool.enrolment.claim'),
      render: (_, e) =>
        e.openClaimId ? (
          <Link to={`/risk-pool-claims/${e.openClaimId}`}>{t('riskClaim.title')}</Link>
        ) : onFile && e.standing?.nonPerforming ? (
          <Button size="small" onClick={() => onFile(e)} data-testid={`file-claim-${e.loan.loanNo}`}>{t('riskPool.enrolment.fileClaim')}</Button>
        ) : null,
    },
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Enrolment> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []} data-testid="enrolment-table" scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
    </>
  );
}

function Ledger({ poolId, nonce }: { poolId: string; nonce: number }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi((signal) => riskPoolApi.ledger(poolId, { page, pageSize: 20 }, signal), `ledger:${poolId}:${page}:${nonce}`);
  const columns: ColumnsType<LedgerEntry> = [
    { key: 'seq', title: '#', dataIndex: 'seq' },
    { key: 'date', title: t('riskPool.ledger.date'), dataIndex: 'entryDate' },
    { key: 'kind', title: t('riskPool.field.mode'), dataIndex: 'kind', render: (v: LedgerEntry['kind']) => <Tag color={v === 'payout' ? 'orange' : 'green'}>{t(`riskPool.ledger.kind.${v}`)}</Tag> },
    { key: 'amount', title: t('riskPool.ledger.amount'), align: 'right', render: (_, e) => `${e.kind === 'payout' ? '−' : '+'}${yuanText(e.amount, language)}` },
    { key: 'balance', title: t('riskPool.ledger.balanceAfter'), dataIndex: 'balanceAfter', align: 'right', render: (v: number) => yuanText(v, language) },
    { key: 'ref', title: t('riskPool.ledger.reference'), render: (_, e) => (e.claim ? <Link to={`/risk-pool-claims/${e.claim.id}`}>{e.claim.claimNo}</Link> : null) },
    { key: 'reference', title: '', dataIndex: 'reference' },
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<LedgerEntry> rowKey="seq" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []} data-testid="ledger-table" scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
    </>
  );
}
