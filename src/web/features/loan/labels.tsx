import { Tag } from 'antd';
import type { LoanClassCode } from '../../api/loan';
import { useI18n } from '../../app/i18n';

const CLASS_COLOR: Record<LoanClassCode, string> = { normal: 'green', special_mention: 'gold', substandard: 'orange', doubtful: 'volcano', loss: 'red' };

/** A five-category class as a coloured tag (normal green … loss red). */
export function ClassTag({ value }: { value: LoanClassCode | null | undefined }) {
  const { t } = useI18n();
  if (!value) return <span>—</span>;
  return <Tag color={CLASS_COLOR[value]} data-testid={`loan-class-${value}`}>{t(`loan.class.${value}`)}</Tag>;
}

export const yuan = (v: number, locale: string) => v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const percent = (rate: string | null) => (rate === null ? '—' : `${(Number(rate) * 100).toFixed(4).replace(/\.?0+$/, '')}%`);
