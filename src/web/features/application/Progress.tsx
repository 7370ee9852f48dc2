import { Steps, Timeline, Typography } from 'antd';
import type { ApplicationDetail, ApplicationStatus } from '../../api/financing-types';
import { useI18n, type MessageKey } from '../../app/i18n';
import { formatDateTime } from '../../components/format';
import { actionLabel, statusLabel } from './labels';

// The road an application travels (issue #4): submitted → 初审 → 评审 → 推荐 → 受理 → 授信 → 放款.
const STEPS: Array<{ title: MessageKey; reached: ApplicationStatus[] }> = [
  { title: 'app.step.submitted', reached: ['submitted', 'screening', 'review', 'recommended', 'accepted', 'approved', 'disbursed', 'deferred', 'rejected', 'declined', 'reassigned'] },
  { title: 'app.step.screening', reached: ['screening', 'review', 'recommended', 'accepted', 'approved', 'disbursed', 'declined', 'reassigned'] },
  { title: 'app.step.review', reached: ['review', 'recommended', 'accepted', 'approved', 'disbursed', 'declined', 'reassigned'] },
  { title: 'app.step.recommended', reached: ['recommended', 'accepted', 'approved', 'disbursed', 'declined', 'reassigned'] },
  { title: 'app.step.accepted', reached: ['accepted', 'approved', 'disbursed', 'declined'] },
  { title: 'app.step.approved', reached: ['approved', 'disbursed'] },
  { title: 'app.step.disbursed', reached: ['disbursed'] },
];
/** Where a stopped application stopped: the step after the last reached one is shown as the error. */
const STOPPED: ApplicationStatus[] = ['deferred', 'rejected', 'declined', 'withdrawn'];

export function ProgressSteps({ application }: { application: ApplicationDetail }) {
  const { t } = useI18n();
  const status = application.status;
  const reached = STEPS.filter((s) => s.reached.includes(status)).length;
  const stopped = STOPPED.includes(status);
  const current = status === 'draft' ? 0 : Math.min(stopped ? reached : reached - 1, STEPS.length - 1);
  const stepStatus = stopped ? 'error' : status === 'disbursed' ? 'finish' : status === 'draft' ? 'wait' : 'process';
  return (
    <Steps
      size="small"
      current={current}
      status={stepStatus}
      data-testid="application-steps"
      style={{ marginBottom: 24 }}
      items={STEPS.map((s, i) => ({
        title: i === current && stopped ? statusLabel(t, status) : t(s.title),
      }))}
    />
  );
}

/** Every event of the application (imported ones marked), oldest first, with actor and reason. */
export function HistoryTimeline({ application }: { application: ApplicationDetail }) {
  const { t, language } = useI18n();
  return (
    <Timeline
      data-testid="application-history"
      items={application.history.map((h) => ({
        color: h.action === 'sla_warning' ? 'red' : h.to && ['rejected', 'declined', 'withdrawn'].includes(h.to) ? 'gray' : 'blue',
        content: (
          <div data-testid="history-event">
            <Typography.Text strong>{actionLabel(t, h.action)}</Typography.Text>
            {h.to && h.from !== h.to && <Typography.Text type="secondary"> → {statusLabel(t, h.to)}</Typography.Text>}
            <div>
              <Typography.Text type="secondary">
                {formatDateTime(h.at, language)}
                {h.actor ? ` · ${h.actor}` : ''}
                {h.imported ? ` · ${t('app.imported')}` : ''}
              </Typography.Text>
            </div>
            {h.reason && <div>{h.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
