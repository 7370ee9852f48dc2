import { Alert, Button, Card, Drawer, Input, InputNumber, List, Select, Space, Table, Tag, Timeline, message } from 'antd';
import { useState } from 'react';
import { listingApi, type GreenRequest } from '../../api/listing';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/errors';
import { useApi } from '../../components/useApi';
import { lbl, today } from './labels';

const ALERT_COLOR: Record<string, string> = { due_soon: 'orange', due: 'volcano', overdue: 'red' };

/** 绿色通道 限时办结: requests with working-day deadlines, their alerts, the handling record, the calendar. */
export function GreenChannelPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const manage = can(user ?? null, 'listing.manage');
  const [status, setStatus] = useState<string | undefined>('open,in_progress');
  const [n, setN] = useState(0);
  const list = useApi((s) => listingApi.greenRequests({ status, pageSize: 100 }, s), `${status}:${n}`);
  const alerts = useApi((s) => listingApi.alerts(s), `alerts:${n}`);
  const settings = useApi((s) => listingApi.settings(s), `settings:${n}`);
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useApi((s) => (openId ? listingApi.greenRequest(openId, s) : Promise.resolve(null)), `${openId}:${n}`);
  const [note, setNote] = useState('');
  const act = async (action: 'start' | 'complete' | 'cancel') => {
    try {
      await listingApi.actGreen(openId!, action, { note: note || undefined, ...(action === 'complete' ? { on: today() } : {}) });
      setNote('');
      setN((x) => x + 1);
    } catch (err) {
      message.error(describeError(t, err));
    }
  };
  const d = detail.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="green-page">
      <Card size="small" title={t('lst.alerts')}>
        <List size="small" dataSource={alerts.data?.items ?? []} data-testid="green-alerts" renderItem={(a) => (
          <List.Item actions={manage ? [<Button key="ack" size="small" onClick={async () => { await listingApi.acknowledge(a.requestId, a.kind); setN((x) => x + 1); }}>{t('lst.acknowledge')}</Button>] : []}>
            <Tag color={ALERT_COLOR[a.kind]}>{lbl(t, 'lst.alert', a.kind)}</Tag> {a.requestNo} {a.enterpriseName} · {a.document} · {a.department} · {t('lst.col.dueOn')} {a.dueOn}
          </List.Item>
        )} />
      </Card>
      <Card title={t('nav.listingGreen')} extra={<span>{settings.data ? t('lst.defaultDays', { days: settings.data.defaultWorkingDays }) : null}</span>}>
        <Space style={{ marginBottom: 12 }}>
          <Select style={{ width: 200 }} value={status} allowClear onChange={(v: string | undefined) => setStatus(v)} options={[
            { value: 'open,in_progress', label: `${lbl(t, 'lst.gc', 'open')} / ${lbl(t, 'lst.gc', 'in_progress')}` },
            { value: 'done', label: lbl(t, 'lst.gc', 'done') }, { value: 'cancelled', label: lbl(t, 'lst.gc', 'cancelled') },
          ]} />
        </Space>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<GreenRequest> rowKey="id" size="small" dataSource={list.data?.items ?? []} pagination={false} data-testid="green-table"
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'no', title: '#', dataIndex: 'requestNo' },
            { key: 'e', title: t('lst.col.enterprise'), dataIndex: 'enterpriseName' },
            { key: 'doc', title: t('lst.col.document'), dataIndex: 'document' },
            { key: 'dep', title: t('lst.col.department'), dataIndex: 'department' },
            { key: 'req', title: t('lst.col.requestedOn'), dataIndex: 'requestedOn' },
            { key: 'due', title: t('lst.col.dueOn'), render: (_, r) => `${r.dueOn}（${r.workingDays}）` },
            { key: 'left', title: t('lst.col.daysLeft'), render: (_, r) => (r.workingDaysLeft === null ? (r.onTime === null ? '—' : t(r.onTime ? 'lst.onTime' : 'lst.late')) : <Tag color={r.workingDaysLeft < 0 ? 'red' : r.workingDaysLeft <= 1 ? 'orange' : 'default'}>{r.workingDaysLeft}</Tag>) },
            { key: 's', title: t('lst.col.status'), render: (_, r) => lbl(t, 'lst.gc', r.status) },
          ]} />
      </Card>
      {can(user ?? null, 'listing.admin') ? <CalendarCard onSaved={() => setN((x) => x + 1)} /> : null}
      <Drawer open={!!openId} width={520} onClose={() => setOpenId(null)} title={d ? `${d.requestNo} ${d.document}` : ''}>
        {d ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <div>{d.enterpriseName} · {d.department} · {t('lst.col.dueOn')} {d.dueOn} · {lbl(t, 'lst.gc', d.status)}</div>
            <Timeline items={(d.record ?? []).map((r) => ({ children: `${new Date(r.at).toLocaleString()} ${r.action} → ${lbl(t, 'lst.gc', r.to)} ${r.note ?? ''} ${r.by ? `（${r.by}）` : ''}` }))} data-testid="green-record" />
            {manage && (d.status === 'open' || d.status === 'in_progress') ? (
              <>
                <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('lst.field.note')} data-testid="green-note" />
                <Space>
                  {d.status === 'open' ? <Button onClick={() => act('start')} data-testid="green-start">{t('lst.start')}</Button> : null}
                  <Button type="primary" onClick={() => act('complete')} data-testid="green-complete">{t('lst.complete')}</Button>
                  <Button danger onClick={() => act('cancel')}>{t('lst.cancel')}</Button>
                </Space>
              </>
            ) : null}
          </Space>
        ) : null}
      </Drawer>
    </Space>
  );
}

/** An administrator keeps the year's holidays and make-up workdays and the default deadline. */
function CalendarCard({ onSaved }: { onSaved(): void }) {
  const { t } = useI18n();
  const [year, setYear] = useState(Number(today().slice(0, 4)));
  const cal = useApi((s) => listingApi.calendar(year, s), String(year));
  const [text, setText] = useState<string | null>(null);
  const [days, setDays] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const shown = text ?? (cal.data?.days ?? []).map((d) => `${d.day} ${d.kind}${d.note ? ` ${d.note}` : ''}`).join('\n');
  const save = async () => {
    setError(null);
    try {
      const parsed = shown.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { const [day, kind, ...note] = l.split(/\s+/); return { day, kind, ...(note.length ? { note: note.join(' ') } : {}) }; });
      await listingApi.putCalendar({ year, days: parsed });
      if (days) await listingApi.putSettings(days);
      setText(null);
      cal.reload();
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Card size="small" title={t('lst.calendar')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space><InputNumber min={2000} max={2200} value={year} onChange={(v) => v && (setYear(v), setText(null))} /><span>{t('lst.field.workingDays')}</span><InputNumber min={1} max={60} value={days} onChange={setDays} /></Space>
        <Alert type="info" showIcon message={t('lst.calendar.lines')} />
        <Input.TextArea rows={6} value={shown} onChange={(e) => setText(e.target.value)} data-testid="calendar-text" />
        <ErrorAlert error={error} />
        <Button type="primary" onClick={save}>{t('lst.calendar.save')}</Button>
      </Space>
    </Card>
  );
}
