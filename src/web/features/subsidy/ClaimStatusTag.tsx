import { Tag } from 'antd';
import type { SubsidyClaimStatus } from '../../api/subsidy-types';
import { useI18n } from '../../app/i18n';

const COLOR: Record<SubsidyClaimStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  under_review: 'processing',
  determined: 'cyan',
  rejected: 'red',
  in_public_notice: 'purple',
  approved_for_payment: 'gold',
  paid: 'green',
  withdrawn: 'default',
};

export function ClaimStatusTag({ status }: { status: SubsidyClaimStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOR[status]} data-testid="claim-status">
      {t(`claim.status.${status}`)}
    </Tag>
  );
}
