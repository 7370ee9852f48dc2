import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { eventApi, type EventInput, type EventItem } from '../../api/assessment';
import { institutionApi } from '../../api/financing';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { useUser } from '../../app/auth';
import { DemoTag } from '../../components/DemoBanner';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalForm } from '../../components/ModalForm';
import { useApi } from '../../components/useApi';
import { todayShanghai } from '../application/labels';
import { FileImport } from '../../components/FileImport';

interface FormValues {
  heldOn: string;
  title: string;
  bankCode?: string;
  stationCode?: string;
  attendees: number;
}

const toInput = (v: FormValues): EventInput => ({
  heldOn: v.heldOn, title: v.title, bankCode: v.bankCode || null, stationCode: v.stationCode?.trim() || null, attendees: v.attendees,
});

/** Upload of the stations' event reports (date,title,bank_code,station,attendees) with the imports' error table. */
function EventImport({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="event-import">
      <Typography.Paragraph type="secondary">
        {t('event.importHint')}
        <br />
        <code>{t('event.importColumns')}</code>
      </Typography.Paragraph>
      <FileImport
        testIdPrefix="event-import"
        run={(file, options) => eventApi.import(file, options)}
        onImported={onDone}
        details={(result, dryRun) =>
          !dryRun && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="event-import-counts">
              {t('event.importCounts', { created: result.created, updated: result.updated, unchanged: result.unchanged })}
            </Typography.Paragraph>
          )
        }
      />
    </div>
  );
}

/** 银行活动登记: the events banks co-hosted (assessment indicator 5(1)); officers record, edit, delete and import. */
export function EventsPage() {
  const { t } = useI18n();
  const user = useUser();
  const manage = can(user, 'assessment.eventsManage');
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const bank = params.get('bank') ?? undefined;
  const station = params.get('station') ?? undefined;
  const q = params.get('q') ?? undefined;
  const tab = params.get('tab') === 'import' && manage ? 'import' : 'list';
  const query = { page, pageSize: 20, year, bank, station, q };
  const { data, error, loading, reload } = useApi((signal) => eventApi.list(query, signal), JSON.stringify(query));
  const banks = useApi((signal) => institutionApi.list({ kind: 'bank' }, signal), 'banks');
  const [editing, setEditing] = useState<EventItem | 'new' | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  function set(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  }

  const bankOptions = (banks.data?.items ?? []).map((b) => ({ value: b.code, label: `${b.name} (${b.code})` }));
  const list = (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber placeholder={t('event.year')} min={2000} max={2200} value={year} onChange={(v) => set({ year: v ? String(v) : undefined })} data-testid="event-filter-year" />
        {user.role !== 'institution_user' && (
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} placeholder={t('event.bank')} value={bank} options={bankOptions} onChange={(v: string | undefined) => set({ bank: v })} data-testid="event-filter-bank" />
        )}
        <Input.Search allowClear style={{ width: 160 }} placeholder={t('event.station')} defaultValue={station} onSearch={(v) => set({ station: v.trim() || undefined })} />
        <Input.Search allowClear style={{ width: 220 }} placeholder={t('event.search')} defaultValue={q} onSearch={(v) => set({ q: v.trim() || undefined })} data-testid="event-filter-q" />
      </Space>
      <ErrorAlert error={error ?? deleteError} onRetry={reload} />
      <Table<EventItem>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="events-table"
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: (p) => set({ page: String(p) }), showSizeChanger: false }}
        columns={[
          { key: 'heldOn', title: t('event.heldOn'), dataIndex: 'heldOn', width: 110 },
          { key: 'title', title: t('event.title'), render: (_, e) => <>{e.title} <DemoTag demo={e.demo} /></> },
          { key: 'bank', title: t('event.bank'), render: (_, e) => e.bank?.name ?? t('event.noBank') },
          { key: 'station', title: t('event.station'), render: (_, e) => e.stationCode ?? '—' },
          { key: 'attendees', title: t('event.attendees'), dataIndex: 'attendees', align: 'right' as const },
          { key: 'createdBy', title: t('event.createdBy'), render: (_, e) => e.createdBy?.displayName ?? t('event.imported') },
          ...(manage
            ? [{
                key: 'actions', title: '', width: 120,
                render: (_: unknown, e: EventItem) => (
                  <Space>
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} data-testid={`event-edit-${e.id}`} aria-label={t('event.edit')} />
                    <Popconfirm
                      title={t('event.deleteConfirm')}
                      onConfirm={async () => {
                        setDeleteError(null);
                        try {
                          await eventApi.remove(e.id);
                          reload();
                        } catch (err) {
                          setDeleteError(err);
                        }
                      }}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} data-testid={`event-delete-${e.id}`} aria-label={t('event.delete')} />
                    </Popconfirm>
                  </Space>
                ),
              }]
            : []),
        ]}
      />
    </>
  );

  const current = editing && editing !== 'new' ? editing : null;
  return (
    <Card
      title={t('nav.assessEvents')}
      data-testid="events-page"
      extra={manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="event-new">
          {t('event.new')}
        </Button>
      )}
    >
      {manage ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => set({ tab: key === 'import' ? 'import' : undefined })}
          items={[
            { key: 'list', label: <span data-testid="event-tab-list">{t('event.tab.list')}</span>, children: list },
            { key: 'import', label: <span data-testid="event-tab-import">{t('event.tab.import')}</span>, children: <EventImport onDone={reload} /> },
          ]}
        />
      ) : list}
      <ModalForm<FormValues>
        open={editing !== null}
        title={current ? t('event.edit') : t('event.new')}
        testId="event-form"
        initialValues={current
          ? { heldOn: current.heldOn, title: current.title, bankCode: current.bank?.code, stationCode: current.stationCode ?? undefined, attendees: current.attendees }
          : { heldOn: todayShanghai() }}
        onCancel={() => setEditing(null)}
        onSubmit={async (values) => {
          if (current) await eventApi.update(current.id, toInput(values));
          else await eventApi.create(toInput(values));
          setEditing(null);
          reload();
        }}
      >
        <Form.Item name="heldOn" label={t('event.heldOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="event-held-on" />
        </Form.Item>
        <Form.Item name="title" label={t('event.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="event-title" />
        </Form.Item>
        <Form.Item name="bankCode" label={t('event.bank')}>
          <Select allowClear showSearch optionFilterProp="label" options={bankOptions} placeholder={t('event.noBank')} data-testid="event-bank" />
        </Form.Item>
        <Form.Item name="stationCode" label={t('event.station')} extra={t('event.stationHint')}>
          <Input maxLength={32} data-testid="event-station" />
        </Form.Item>
        <Form.Item name="attendees" label={t('event.attendees')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} data-testid="event-attendees" />
        </Form.Item>
      </ModalForm>
    </Card>
  );
}
