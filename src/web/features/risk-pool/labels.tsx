import { Tag } from 'antd';
import type { LoanClass, RiskClaimStatus, Standing } from '../../api/risk-pool';
import { useI18n } from '../../app/i18n';

const STATUS_COLOR: Record<RiskClaimStatus, string> = {
  filed: 'blue', reviewed: 'processing', awaiting_funds: 'gold', paid: 'green', rejected: 'red', withdrawn: 'default',
};
const CLASS_COLOR: Record<LoanClass, string> = { normal: 'green', special_mention: 'gold', substandard: 'orange', doubtful: 'volcano', loss: 'red' };

export function RiskClaimStatusTag({ status }: { status: RiskClaimStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="risk-claim-status">
      {t(`riskClaim.status.${status}`)}
    </Tag>
  );
}

export function StandingTag({ standing }: { standing: Standing | null }) {
  const { t } = useI18n();
  if (!standing) return <>—</>;
  return (
    <Tag color={CLASS_COLOR[standing.finalClass]} title={`${standing.asOf} · DPD ${standing.dpd}`}>
      {t(`loanClass.${standing.finalClass}`)}
    </Tag>
  );
}

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`);
export const yuanText = (v: number | null | undefined, locale: string) =>
  v === null || v === undefined ? '—' : v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
