import { Alert as AntAlert, App, Button, Descriptions, Drawer, Form, Input, Space, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { monitoringApi, type AlertDetail } from '../../api/monitoring';
import { useUser } from '../../app/auth';
import { labelOr, useI18n } from '../../app/i18n';
import { can } from '../../app/roles';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useApi } from '../../components/useApi';
import { AlertStatusTag, SeverityTag } from './labels';

/** Where an alert's subject lives in the app, when it has a page. */
function subjectLink(a: AlertDetail): string | null {
  if (a.subject.type === 'loan') return `/loans/${a.subject.id}`;
  if (a.subject.type === 'pool') return `/risk-pools/${a.subject.id}`;
  if (a.enterpriseId) return `/enterprises/${a.enterpriseId}`;
  return null;
}

/** One alert: what was measured against which threshold, its history, and the actions the caller may take. */
export function AlertDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  return (
    <Drawer open={!!id} onClose={onClose} width={640} destroyOnHidden title={null}>
      {id && <AlertBody id={id} onChanged={onChanged} />}
    </Drawer>
  );
}

function AlertBody({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const [nonce, setNonce] = useState(0);
  const { data: a, error, reload } = useApi((s) => monitoringApi.alert(id, s), `${id}:${nonce}`);
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState<'acknowledge' | 'resolve' | null>(null);

  // Opening an alert is reading it: mark it once, then let the list and the badge catch up.
  useEffect(() => {
    if (!a || a.read) return;
    monitoringApi.markRead(id).then(onChanged, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a?.id, a?.read]);

  const act = async (action: 'acknowledge' | 'resolve') => {
    const note = (form.getFieldValue('note') as string | undefined)?.trim();
    if (action === 'resolve' && !note) {
      form.setFields([{ name: 'note', errors: [t('mon.alert.noteRequired')] }]);
      return;
    }
    setBusy(action);
    try {
      if (action === 'acknowledge') await monitoringApi.acknowledge(id, note);
      else await monitoringApi.resolve(id, note!);
      message.success(t(`mon.alert.done.${action}`));
      form.resetFields();
      setNonce((n) => n + 1);
      onChanged();
    } catch (err) {
      const issue = (err as { issues?: { path: string; message: string }[] }).issues?.find((i) => i.path === 'body.note');
      if (issue) form.setFields([{ name: 'note', errors: [issue.message] }]);
      else message.error(describeError(t, err));
    } finally {
      setBusy(null);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!a) return null;
  const link = subjectLink(a);
  const mayHandle = can(user, 'monitoring.handleAlerts') && a.status !== 'resolved';
  return (
    <div data-testid="alert-detail">
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="alert-detail-title">
        {a.title}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('mon.alert.status')}>
          <AlertStatusTag value={a.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('mon.alert.rule')}>{t(`mon.rule.${a.rule}`)}</Descriptions.Item>
        <Descriptions.Item label={t('mon.alert.severity')}>
          <SeverityTag value={a.severity} />
        </Descriptions.Item>
        <Descriptions.Item label={t('mon.alert.subject')}>{link ? <Link to={link}>{a.subject.name ?? a.subject.id}</Link> : a.subject.name ?? a.subject.id}</Descriptions.Item>
        <Descriptions.Item label={t('mon.alert.owner')}>{a.owner.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('mon.alert.measured')}>
          {a.measured ?? '—'} / {t('mon.alert.threshold')} {a.threshold ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('mon.alert.seen')}>
          {a.firstSeenOn} – {a.lastSeenOn}
        </Descriptions.Item>
        {a.resolutionNote && <Descriptions.Item label={t('mon.alert.resolutionNote')}>{a.resolutionNote}</Descriptions.Item>}
      </Descriptions>

      {mayHandle && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} data-testid="alert-action-form">
          <Form.Item name="note" label={t('mon.alert.note')} extra={t('mon.alert.noteHint')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="alert-note" />
          </Form.Item>
          <Space>
            {a.status === 'open' && (
              <Button loading={busy === 'acknowledge'} onClick={() => act('acknowledge')} data-testid="alert-acknowledge">
                {t('mon.alert.acknowledge')}
              </Button>
            )}
            <Button type="primary" loading={busy === 'resolve'} onClick={() => act('resolve')} data-testid="alert-resolve">
              {t('mon.alert.resolve')}
            </Button>
          </Space>
        </Form>
      )}
      {!can(user, 'monitoring.handleAlerts') && <AntAlert type="info" showIcon style={{ marginTop: 16 }} message={t('mon.alert.readOnly')} />}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('mon.alert.history')}
      </Typography.Title>
      <Timeline
        data-testid="alert-history"
        items={[
          ...a.history.map((h) => ({
            color: h.to === 'resolved' ? 'green' : h.to === 'open' ? 'red' : 'blue',
            children: (
              <span data-testid="alert-history-item">
                {t('mon.alert.event', { at: formatDateTime(h.at, language), by: h.by ?? '—', action: labelOr(t, `mon.alert.action.${h.action}`, h.action) })}
                {h.note && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{h.note}</Typography.Paragraph>}
              </span>
            ),
          })),
        ]}
      />
    </div>
  );
}
