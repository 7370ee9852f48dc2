import { PlayCircleOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ALERT_RULES, monitoringApi, type Alert, type AlertLevel, type AlertQuery, type AlertRule, type AlertStatus } from '../../api/monitoring';
import { useUser } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { AlertDrawer } from './AlertDrawer';
import { useAlertCounts } from './alertCounts';
import { AlertStatusTag, SeverityTag } from './labels';

const STATUSES = ['unresolved', 'open', 'acknowledged', 'resolved'] as const;
const PAGE_SIZE = 20;

/**
 * 预警中心 (issue #8): the caller's inbox (office staff every alert, an institution its own) with filters in the URL;
 * opening an alert marks it read; acknowledge, resolve with a note, and the history are in the drawer.
 */
export function AlertsPage() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const counts = useAlertCounts();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(null);
  const [runAsOf, setRunAsOf] = useState('');
  const [running, setRunning] = useState(false);
  const query: AlertQuery = {
    page: Number(params.get('page') ?? 1),
    pageSize: PAGE_SIZE,
    status: (params.get('status') as AlertStatus | 'unresolved' | null) ?? undefined,
    rule: (params.get('rule') as AlertRule | null) ?? undefined,
    level: (params.get('level') as AlertLevel | null) ?? undefined,
    unread: params.get('unread') === 'true' || undefined,
  };
  const [nonce, setNonce] = useState(0);
  const { data, error, loading, reload } = useApi((s) => monitoringApi.alerts(query, s), JSON.stringify({ query, nonce }));

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const changed = () => {
    setNonce((n) => n + 1);
    counts.refresh();
  };

  const runRules = async () => {
    setRunning(true);
    try {
      const r = await monitoringApi.runRules(runAsOf || undefined);
      message.success(t('mon.alerts.ran', { asOf: r.asOf, raised: r.raised }));
      changed();
    } catch (err) {
      message.error(describeError(t, err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card
      title={t('nav.monAlerts')}
      data-testid="alerts-page"
      extra={
        can(user, 'monitoring.runRules') && (
          <Space>
            <Input type="date" value={runAsOf} onChange={(e) => setRunAsOf(e.target.value)} title={t('mon.alerts.runAsOf')} data-testid="alerts-run-asof" style={{ width: 160 }} />
            <Button type="primary" icon={<PlayCircleOutlined />} loading={running} onClick={runRules} data-testid="alerts-run">
              {t('mon.alerts.run')}
            </Button>
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('mon.alert.status')}
          value={query.status}
          onChange={(v) => setFilter('status', v ?? null)}
          options={STATUSES.map((s) => ({ value: s, label: t(`mon.alert.status.${s}`) }))}
          style={{ width: 140 }}
          data-testid="alerts-filter-status"
        />
        <Select
          allowClear
          placeholder={t('mon.alert.rule')}
          value={query.rule}
          onChange={(v) => setFilter('rule', v ?? null)}
          options={ALERT_RULES.map((r) => ({ value: r, label: t(`mon.rule.${r}`) }))}
          style={{ width: 200 }}
          data-testid="alerts-filter-rule"
        />
        <Select
          allowClear
          placeholder={t('mon.alert.level')}
          value={query.level}
          onChange={(v) => setFilter('level', v ?? null)}
          options={(['enterprise', 'portfolio'] as const).map((l) => ({ value: l, label: t(`mon.alert.level.${l}`) }))}
          style={{ width: 140 }}
          data-testid="alerts-filter-level"
        />
        <Checkbox checked={!!query.unread} onChange={(e) => setFilter('unread', e.target.checked ? 'true' : null)} data-testid="alerts-filter-unread">
          {t('mon.alerts.unreadOnly')}
        </Checkbox>
        {counts.counts && (
          <Typography.Text type="secondary" data-testid="alerts-counts">
            {t('mon.alerts.countsLine', { unread: counts.counts.unread, unresolved: counts.counts.unresolved, critical: counts.counts.critical })}
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Alert>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="alerts-table"
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.read ? '' : 'alert-unread')}
        pagination={{ current: query.page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => setFilter('page', String(p)) }}
        columns={[
          {
            key: 'title', title: t('mon.alert.title'),
            render: (_, r) => (
              <Space size={6}>
                {!r.read && <Badge status="processing" data-testid="alert-unread-dot" />}
                <Typography.Text strong={!r.read} data-testid="alert-title">{r.title}</Typography.Text>
              </Space>
            ),
          },
          { key: 'rule', title: t('mon.alert.rule'), render: (_, r) => t(`mon.rule.${r.rule}`) },
          { key: 'severity', title: t('mon.alert.severity'), render: (_, r) => <SeverityTag value={r.severity} /> },
          { key: 'subject', title: t('mon.alert.subject'), render: (_, r) => r.subject.name ?? r.subject.id },
          { key: 'owner', title: t('mon.alert.owner'), render: (_, r) => r.owner.name ?? '—' },
          { key: 'status', title: t('mon.alert.status'), render: (_, r) => <AlertStatusTag value={r.status} /> },
          { key: 'seen', title: t('mon.alert.lastSeen'), dataIndex: 'lastSeenOn' },
          { key: 'raised', title: t('mon.alert.raisedAt'), render: (_, r) => formatDateTime(r.raisedAt, language) },
        ]}
      />
      <AlertDrawer id={openId} onClose={() => setOpenId(null)} onChanged={changed} />
    </Card>
  );
}
