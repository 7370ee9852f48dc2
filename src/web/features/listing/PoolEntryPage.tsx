import { Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { listingApi, type Milestone, type ServiceLog } from '../../api/listing';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatWan } from '../../components/format';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { lbl, MILESTONES, SERVICE_KINDS, SERVICE_MODES, TIER_COLOR, today } from './labels';

const day = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** One pool enterprise: tier and its history, account officer, service logs with follow-ups, milestones, green channel. */
export function PoolEntryPage() {
  const { enterpriseId = '' } = useParams();
  const { t, language } = useI18n();
  const { user } = useAuth();
  const manage = can(user ?? null, 'listing.manage');
  const entry = useApi((s) => listingApi.entry(enterpriseId, s), enterpriseId);
  const [n, setN] = useState(0);
  const services = useApi((s) => listingApi.services({ enterpriseId, pageSize: 50 }, s), `${enterpriseId}:${n}`);
  const milestones = useApi((s) => listingApi.milestones({ enterpriseId, pageSize: 50 }, s), `${enterpriseId}:${n}`);
  const green = useApi((s) => listingApi.greenRequests({ enterpriseId, pageSize: 50 }, s), `${enterpriseId}:${n}`);
  const rules = useApi((s) => listingApi.transitions(s), 'transitions');
  const officers = useApi((s) => listingApi.officers(s), 'officers');
  const [modal, setModal] = useState<null | 'tier' | 'service' | 'milestone' | 'green' | 'officer'>(null);
  const refresh = () => { entry.reload(); setN((x) => x + 1); setModal(null); };
  const e = entry.data;
  if (!e) return <Card loading={entry.loading}><ErrorAlert error={entry.error} onRetry={entry.reload} /></Card>;

  const serviceColumns = [
    { key: 'servedOn', title: t('lst.col.date'), dataIndex: 'servedOn' },
    { key: 'kind', title: t('lst.col.kind'), render: (_: unknown, r: ServiceLog) => lbl(t, 'lst.kind', r.kind) },
    { key: 'mode', title: t('lst.col.mode'), render: (_: unknown, r: ServiceLog) => lbl(t, 'lst.mode', r.mode) },
    { key: 'officer', title: t('lst.col.officer'), render: (_: unknown, r: ServiceLog) => r.officer?.displayName },
    { key: 'summary', title: t('lst.col.summary'), dataIndex: 'summary' },
    { key: 'followUp', title: t('lst.col.nextFollowUp'), render: (_: unknown, r: ServiceLog) => r.followUpOn ? (r.followUpDoneOn ? `${r.followUpOn} ✓` : (
      <Space>{r.followUpOn}{manage ? <Button size="small" onClick={async () => { await listingApi.followUpDone(r.id, today()); refresh(); }}>{t('lst.followUpDone')}</Button> : null}</Space>)) : '—' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="pool-entry-page">
      <Card title={e.name} extra={manage ? (
        <Space>
          <Button onClick={() => setModal('officer')}>{t('lst.field.officer')}</Button>
          <Button type="primary" onClick={() => setModal('tier')} disabled={e.nextTiers.length === 0} data-testid="tier-change">{t('lst.changeTier')}</Button>
        </Space>) : null}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('lst.col.tier')}><Tag color={TIER_COLOR[e.tier]} data-testid="entry-tier">{lbl(t, 'lst.tier', e.tier)}</Tag> {e.tierSince}</Descriptions.Item>
          <Descriptions.Item label={t('lst.col.board')}>{lbl(t, 'lst.board', e.targetBoard)}</Descriptions.Item>
          <Descriptions.Item label={t('lst.col.officer')}>{e.officer?.displayName ?? t('lst.unassigned')}</Descriptions.Item>
          <Descriptions.Item label={t('lst.col.sector')}>{e.sector}</Descriptions.Item>
          <Descriptions.Item label={t('lst.col.enteredOn')}>{e.enteredOn}</Descriptions.Item>
          <Descriptions.Item label={t('lst.entryReason')}>{e.entryReason}</Descriptions.Item>
        </Descriptions>
        <Timeline style={{ marginTop: 16 }} items={e.history.map((h) => ({
          children: <span>{h.on} {h.from ? `${lbl(t, 'lst.tier', h.from)} → ` : ''}{lbl(t, 'lst.tier', h.to)} {h.criteria.map((c) => <Tag key={c.code}>{c.label}</Tag>)} {h.note} {h.by ? `（${h.by}）` : ''}</span>,
        }))} data-testid="tier-history" />
      </Card>
      <Card title={t('lst.services')} extra={manage ? <Button onClick={() => setModal('service')} data-testid="service-add">{t('lst.addService')}</Button> : null}>
        <Table<ServiceLog> rowKey="id" size="small" pagination={false} dataSource={services.data?.items ?? []} columns={serviceColumns} data-testid="services-table" />
      </Card>
      <Card title={t('lst.milestones')} extra={manage ? <Button onClick={() => setModal('milestone')} data-testid="milestone-add">{t('lst.addMilestone')}</Button> : null}>
        <Table<Milestone> rowKey="id" size="small" pagination={false} dataSource={milestones.data?.items ?? []} data-testid="milestones-table" columns={[
          { key: 'd', title: t('lst.col.date'), dataIndex: 'occurredOn' },
          { key: 'k', title: t('lst.field.kind'), render: (_: unknown, r: Milestone) => lbl(t, 'lst.ms', r.kind) },
          { key: 'b', title: t('lst.field.board'), render: (_: unknown, r: Milestone) => (r.board ? lbl(t, 'lst.board', r.board) : '—') },
          { key: 'a', title: t('lst.col.amount'), render: (_: unknown, r: Milestone) => formatWan(r.amount, language) },
          { key: 'r', title: t('lst.col.reference'), render: (_: unknown, r: Milestone) => r.reference ?? '—' },
        ]} />
      </Card>
      <Card title={t('lst.green')} extra={manage ? <Button onClick={() => setModal('green')}>{t('lst.addGreen')}</Button> : null}>
        <Table rowKey="id" size="small" pagination={false} dataSource={green.data?.items ?? []} columns={[
          { key: 'no', title: '#', dataIndex: 'requestNo' },
          { key: 'doc', title: t('lst.col.document'), dataIndex: 'document' },
          { key: 'dep', title: t('lst.col.department'), dataIndex: 'department' },
          { key: 'due', title: t('lst.col.dueOn'), dataIndex: 'dueOn' },
          { key: 's', title: t('lst.col.status'), render: (_: unknown, r: { status: string }) => lbl(t, 'lst.gc', r.status) },
        ]} />
      </Card>

      <ModalForm<{ to: string; criteria: string[]; note?: string; on?: unknown }> open={modal === 'tier'} title={t('lst.changeTier')} testId="tier-form" onCancel={() => setModal(null)}
        initialValues={{ criteria: [] }}
        onSubmit={async (v) => { await listingApi.tier(enterpriseId, { to: v.to, criteria: v.criteria ?? [], note: v.note || undefined, on: day(v.on) }); refresh(); }}>
        {(form) => (
          <>
            <Form.Item name="to" label={t('lst.field.to')} rules={[{ required: true }]}>
              <Select options={e.nextTiers.map((x) => ({ value: x, label: lbl(t, 'lst.tier', x) }))} showSearch optionFilterProp="label" data-testid="tier-to" onChange={() => form.setFieldValue('criteria', [])} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() => {
                const to = form.getFieldValue('to');
                const row = rules.data?.transitions.find((r) => r.from === e.tier && r.to === to && (!r.boards || r.boards.includes(e.targetBoard)));
                const codes = row ? [...row.allOf, ...row.anyOf] : [];
                return (
                  <Form.Item name="criteria" label={t('lst.field.criteria')}>
                    <Checkbox.Group options={(rules.data?.criteria ?? []).filter((c) => codes.includes(c.code)).map((c) => ({ value: c.code, label: c.label }))} data-testid="tier-criteria" />
                  </Form.Item>
                );
              }}
            </Form.Item>
            <Form.Item name="note" label={t('lst.field.note')}><Input.TextArea rows={2} data-testid="tier-note" /></Form.Item>
            <Form.Item name="on" label={t('lst.field.on')}><Input type="date" /></Form.Item>
          </>
        )}
      </ModalForm>
      <ModalForm<{ officerUserId: string | null }> open={modal === 'officer'} title={t('lst.field.officer')} initialValues={{ officerUserId: e.officer?.id ?? null }} onCancel={() => setModal(null)}
        onSubmit={async (v) => { await listingApi.update(enterpriseId, { officerUserId: v.officerUserId ?? null }); refresh(); }}>
        <Form.Item name="officerUserId" label={t('lst.field.officer')}><Select allowClear options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: o.displayName }))} /></Form.Item>
      </ModalForm>
      <ModalForm<{ kind: string; mode: string; servedOn: unknown; summary: string; followUpOn?: unknown }> open={modal === 'service'} title={t('lst.addService')} testId="service-form" onCancel={() => setModal(null)}
        onSubmit={async (v) => { await listingApi.addService(enterpriseId, { kind: v.kind, mode: v.mode, servedOn: day(v.servedOn), summary: v.summary, followUpOn: day(v.followUpOn) }); refresh(); }}>
        <Form.Item name="kind" label={t('lst.col.kind')} rules={[{ required: true }]}><Select options={SERVICE_KINDS.map((x) => ({ value: x, label: lbl(t, 'lst.kind', x) }))} showSearch optionFilterProp="label" data-testid="service-kind" /></Form.Item>
        <Form.Item name="mode" label={t('lst.col.mode')} rules={[{ required: true }]}><Select options={SERVICE_MODES.map((x) => ({ value: x, label: lbl(t, 'lst.mode', x) }))} showSearch optionFilterProp="label" data-testid="service-mode" /></Form.Item>
        <Form.Item name="servedOn" label={t('lst.col.date')} rules={[{ required: true }]}><Input type="date" data-testid="service-date" /></Form.Item>
        <Form.Item name="summary" label={t('lst.col.summary')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="service-summary" /></Form.Item>
        <Form.Item name="followUpOn" label={t('lst.field.followUpOn')}><Input type="date" /></Form.Item>
      </ModalForm>
      <ModalForm<{ kind: string; occurredOn: unknown; board?: string; amount?: number; reference?: string }> open={modal === 'milestone'} title={t('lst.addMilestone')} onCancel={() => setModal(null)}
        onSubmit={async (v) => { await listingApi.recordMilestone({ enterpriseId, kind: v.kind, occurredOn: day(v.occurredOn), board: v.board, amount: v.amount ?? undefined, reference: v.reference || undefined }); refresh(); }}>
        <Form.Item name="kind" label={t('lst.field.kind')} rules={[{ required: true }]}><Select options={MILESTONES.map((x) => ({ value: x, label: lbl(t, 'lst.ms', x) }))} /></Form.Item>
        <Form.Item name="occurredOn" label={t('lst.col.date')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="board" label={t('lst.field.board')}><Select allowClear options={['main_board', 'chinext', 'star', 'bse', 'overseas'].map((x) => ({ value: x, label: lbl(t, 'lst.board', x) }))} /></Form.Item>
        <Form.Item name="amount" label={t('lst.field.amount')}><InputNumber min={0.01} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="reference" label={t('lst.col.reference')}><Input /></Form.Item>
      </ModalForm>
      <ModalForm<{ department: string; document: string; requestedOn: unknown; workingDays?: number }> open={modal === 'green'} title={t('lst.addGreen')} onCancel={() => setModal(null)}
        onSubmit={async (v) => { await listingApi.createGreen({ enterpriseId, department: v.department, document: v.document, requestedOn: day(v.requestedOn), workingDays: v.workingDays ?? undefined }); refresh(); }}>
        <Form.Item name="department" label={t('lst.col.department')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="document" label={t('lst.col.document')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="requestedOn" label={t('lst.col.requestedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        <Form.Item name="workingDays" label={t('lst.field.workingDays')}><InputNumber min={1} max={60} /></Form.Item>
      </ModalForm>
    </Space>
  );
}
