import { Tag } from 'antd';
import type { ApplicationStatus } from '../../api/financing-types';
import { useI18n } from '../../app/i18n';
import { STATUS_COLORS, statusLabel } from './labels';

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="application-status">
      {statusLabel(t, status)}
    </Tag>
  );
}
