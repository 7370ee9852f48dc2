import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { subsidyApi } from '../../api/subsidy';
import type { Entitlement, ScanReply } from '../../api/subsidy-types';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatWan, toWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { cleanFacts, FactFields } from '../policy/FactFields';
import { currentYear } from '../policy/money';
import { EngineStatusTag } from '../policy/ResultExplanation';
import { measureOptions, monetaryMeasures, useMeasures } from '../policy/useMeasures';

const STATUSES = ['granted', 'needs-parameters', 'excluded', 'ineligible'] as const;

interface ConfirmValues {
  eventDate: string;
  facts?: Record<string, unknown>;
  reason?: string;
}

/** 免申即享: scan a year from the platform's data, review what was found, confirm entitlements into claims. */
export function EntitlementsPage() {
  const { t, language } = useI18n();
  const user = useUser();
  const staff = can(user, 'subsidy.staff');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const filter = { status: params.get('status') ?? undefined, measure: params.get('measure') ?? undefined, confirmed: params.get('confirmed') ?? undefined };
  const page = Number(params.get('page')) || 1;
  const list = useApi((signal) => subsidyApi.entitlements({ year, ...filter, page, pageSize: 20 }, signal), `ent:${params.toString()}:${year}`);
  const sources = useApi((signal) => subsidyApi.factSources(signal), 'fact-sources');
  const measures = useMeasures();
  const byId = new Map((measures.data?.measures ?? []).map((m) => [m.id, m]));
  const [scan, setScan] = useState<ScanReply | null>(null);
  const [scanError, setScanError] = useState<unknown>(null);
  const [scanning, setScanning] = useState(false);
  const [confirming, setConfirming] = useState<Entitlement | null>(null);
  const set = (next: Record<string, string | undefined>) => {
    const out = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) out.set(k, v); else out.delete(k);
    if (!('page' in next)) out.delete('page');
    setParams(out);
  };

  async function runScan() {
    setScanning(true);
    setScanError(null);
    try {
      setScan(await subsidyApi.scan(year));
      list.reload();
      sources.reload();
    } catch (err) {
      setScanError(err);
    } finally {
      setScanning(false);
    }
  }

  const columns: ColumnsType<Entitlement> = [
    { key: 'beneficiary', title: t('claim.field.beneficiary'), render: (_, e) => <span>{e.beneficiary.name}<div style={{ opacity: 0.6, fontSize: 12 }}>{e.beneficiary.uscc}</div></span> },
    { key: 'measure', title: t('claim.field.measure'), render: (_, e) => <span><Typography.Text code>{e.measure}</Typography.Text> {e.title}</span> },
    { key: 'eventDate', title: t('claim.field.eventDate'), dataIndex: 'eventDate' },
    { key: 'status', title: t('claim.field.status'), dataIndex: 'status', render: (v: Entitlement['status']) => <EngineStatusTag status={v} /> },
    { key: 'amount', title: t('claim.field.amountWan'), dataIndex: 'amount', align: 'right', render: (v: number, e) => <span>{formatWan(v, language)}{e.basis === 'cap' && <Tag style={{ marginInlineStart: 4 }}>{t('engine.basis.cap')}</Tag>}</span> },
    { key: 'note', title: t('entitlement.note'), dataIndex: 'note', render: (v: string | null) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v ?? ''}</Typography.Text> },
    {
      key: 'claim',
      title: t('entitlement.claim'),
      render: (_, e) =>
        e.claimId ? (
          <Link to={`/subsidy/claims/${e.claimId}`} data-testid="entitlement-claim">{t('entitlement.openClaim')}</Link>
        ) : staff && (e.status === 'granted' || e.status === 'needs-parameters') ? (
          <Button size="small" type="primary" data-testid="entitlement-confirm" onClick={() => setConfirming(e)}>
            {t('entitlement.confirm')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  const confirmMeasure = confirming ? byId.get(confirming.measure) : undefined;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="entitlements-page">
      <Card
        title={t('entitlement.title')}
        extra={
          <Space>
            <InputNumber min={2000} max={2100} value={year} prefix={t('claim.field.year')} data-testid="entitlement-year" onChange={(v) => v && set({ year: String(v) })} />
            {staff && (
              <Button type="primary" icon={<ThunderboltOutlined />} loading={scanning} onClick={runScan} data-testid="entitlement-scan">
                {t('entitlement.scan')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('entitlement.intro')}</Typography.Paragraph>
        <ErrorAlert error={scanError} />
        {scan && (
          <div data-testid="scan-result" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={12} md={6}><Statistic title={t('entitlement.candidates')} value={scan.candidates} /></Col>
              <Col xs={12} md={6}><Statistic title={t('entitlement.beneficiaries')} value={scan.beneficiaries} /></Col>
              <Col xs={12} md={6}><Statistic title={t('entitlement.granted')} value={scan.byStatus.granted ?? 0} /></Col>
              <Col xs={12} md={6}><Statistic title={`${t('entitlement.total')}（${t('unit.wan')}）`} value={toWan(scan.total) ?? 0} precision={2} /></Col>
            </Row>
            <Table
              rowKey="measure"
              size="small"
              pagination={false}
              style={{ marginTop: 12 }}
              dataSource={scan.byMeasure}
              columns={[
                { key: 'measure', title: t('claim.field.measure'), render: (_, m) => `${m.measure} ${m.title}` },
                { key: 'candidates', title: t('entitlement.candidates'), dataIndex: 'candidates' },
                { key: 'granted', title: t('entitlement.granted'), dataIndex: 'granted' },
                { key: 'amount', title: t('claim.field.amountWan'), dataIndex: 'amount', render: (v: number) => formatWan(v, language) },
              ]}
            />
          </div>
        )}
        {sources.data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="fact-sources">
            {t('entitlement.sources')}：{sources.data.sources.map((s) => `${s.id}（${s.measures.join('、')}）`).join('；')}
            {sources.data.scans.length > 0 &&
              ` · ${t('entitlement.lastScans')}：${sources.data.scans.map((s) => `${s.year} · ${s.entitlements} · ${formatDateTime(s.scannedAt, language)}`).join('；')}`}
          </Typography.Paragraph>
        )}
      </Card>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear style={{ width: 180 }} placeholder={t('claim.field.status')} value={filter.status} onChange={(v) => set({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: t(`engine.status.${s}`) }))} />
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 260 }} placeholder={t('claim.field.measure')} value={filter.measure}
            onChange={(v) => set({ measure: v })} options={measureOptions(monetaryMeasures(measures.data), language)} />
          <Select allowClear style={{ width: 160 }} placeholder={t('entitlement.confirmed')} value={filter.confirmed} onChange={(v) => set({ confirmed: v })}
            options={[{ value: 'false', label: t('entitlement.unconfirmed') }, { value: 'true', label: t('entitlement.confirmedYes') }]} />
        </Space>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<Entitlement>
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          data-testid="entitlement-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('entitlement.empty') }}
          onChange={(p) => set({ page: String(p.current ?? 1) })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      <ModalForm<ConfirmValues>
        open={!!confirming}
        testId="confirm-modal"
        width={640}
        title={confirming ? t('entitlement.confirmTitle', { name: confirming.beneficiary.name, measure: confirming.measure }) : ''}
        initialValues={confirming ? { eventDate: confirming.eventDate, facts: confirming.facts } : {}}
        onCancel={() => setConfirming(null)}
        onSubmit={async (values) => {
          const claim = await subsidyApi.confirm(confirming!.id, {
            eventDate: values.eventDate,
            facts: cleanFacts(confirmMeasure, values.facts),
            ...(values.reason ? { reason: values.reason } : {}),
          });
          message.success(t('entitlement.confirmed', { number: claim.number }));
          setConfirming(null);
          navigate(`/subsidy/claims/${claim.id}`);
        }}
      >
        {confirming?.note && <Typography.Paragraph type="secondary">{confirming.note}</Typography.Paragraph>}
        <Form.Item name="eventDate" label={t('claim.field.eventDate')} extra={t('entitlement.eventDateHint')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="date" />
        </Form.Item>
        <FactFields measure={confirmMeasure} prefix={[]} />
        <Form.Item name="reason" label={t('claim.field.reason')}>
          <Input />
        </Form.Item>
      </ModalForm>
    </Space>
  );
}
