import { Tag } from 'antd';
import type { AlertSeverity, AlertStatus } from '../../api/monitoring';
import { useI18n } from '../../app/i18n';

const STATUS_COLOR: Record<AlertStatus, string> = { open: 'red', acknowledged: 'gold', resolved: 'green' };

export function AlertStatusTag({ value }: { value: AlertStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[value]} data-testid="alert-status">{t(`mon.alert.status.${value}`)}</Tag>;
}

export function SeverityTag({ value }: { value: AlertSeverity }) {
  const { t } = useI18n();
  return <Tag color={value === 'critical' ? 'red' : 'orange'}>{t(`mon.alert.severity.${value}`)}</Tag>;
}
