import { Button, Card, Collapse, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { stationApi, type AssessmentItem } from '../../api/listing';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { lbl, today } from '../listing/labels';

const ENTRY_ITEMS = ['attendance_absences', 'responsiveness', 'work_reports', 'adopted_research', 'cooperation_projects'];

/** 科技金融服务站考核评价指标表 (seed 003 appendix 七): every station's items with score, cap and source. */
export function AssessmentPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? Number(today().slice(0, 4)));
  const [n, setN] = useState(0);
  const { data, error, reload } = useApi((s) => stationApi.assessment(year, s), `${year}:${n}`);
  const [entering, setEntering] = useState<string | null>(null);
  const detail = (it: AssessmentItem) => {
    if (it.code === 'screened_projects') return `${it.count ?? 0}${it.rank ? ` · #${it.rank}` : ''}`;
    if (it.code === 'application_growth') return `${it.lastYear} → ${it.thisYear}`;
    if (it.code === 'events') return String(it.count ?? 0);
    return it.entered ? Object.values(it.entered).filter((v) => typeof v === 'number').join(' / ') : '—';
  };
  return (
    <Card title={data ? t('st.assess.title', { year, max: data.maxTotal }) : t('nav.stationAssessment')} data-testid="assessment-page"
      extra={<InputNumber min={2000} max={2200} value={year} onChange={(v) => v && setParams({ year: String(v) }, { replace: true })} />}>
      <ErrorAlert error={error} onRetry={reload} />
      <Collapse defaultActiveKey={data?.stations.map((s) => s.station.id)} items={(data?.stations ?? []).map((s) => ({
        key: s.station.id,
        label: <Space><b>{s.station.code}</b>{s.station.name}<Tag color="blue" data-testid={`assess-total-${s.station.code}`}>{t('st.assess.total')} {s.total}</Tag>{s.missingEntries.length ? <Typography.Text type="warning">{t('st.assess.missing', { items: s.missingEntries.join(', ') })}</Typography.Text> : null}</Space>,
        extra: can(user ?? null, 'listing.manage') ? <Button size="small" onClick={(e) => { e.stopPropagation(); setEntering(s.station.id); }}>{t('st.assess.enter')}</Button> : null,
        children: (
          <Table<AssessmentItem> rowKey="code" size="small" pagination={false} dataSource={s.items} columns={[
            { key: 'no', title: '#', dataIndex: 'no', width: 50 },
            { key: 'title', title: t('st.assess.item'), dataIndex: 'title' },
            { key: 'std', title: t('st.assess.standard'), dataIndex: 'standard' },
            { key: 'd', title: '', render: (_, it) => detail(it) },
            { key: 'score', title: t('st.assess.score'), align: 'right', render: (_, it) => `${it.score ?? '—'} / ${it.max}` },
            { key: 'src', title: t('st.assess.source'), render: (_, it) => <Tag>{it.source}</Tag> },
          ]} />
        ),
      }))} />
      <ModalForm<{ item: string; value: number }> open={!!entering} title={t('st.assess.enter')} onCancel={() => setEntering(null)}
        onSubmit={async (v) => { await stationApi.enter(entering!, { year, item: v.item, value: v.value }); setEntering(null); setN((x) => x + 1); }}>
        <Form.Item name="item" label={t('st.field.item')} rules={[{ required: true }]}><Select options={ENTRY_ITEMS.map((x) => ({ value: x, label: lbl(t, 'st.entry', x) }))} /></Form.Item>
        <Form.Item name="value" label={t('st.field.value')} rules={[{ required: true }]}><InputNumber min={0} step={1} /></Form.Item>
      </ModalForm>
    </Card>
  );
}
