import { Tag, Typography } from 'antd';
import type { ParameterDescription } from '../../api/subsidy-types';
import { useI18n } from '../../app/i18n';

/** A parameter value in its unit (rate as a percentage, yuan with separators); an open 细则 value says so. */
export function formatParameterValue(value: string, unit: ParameterDescription['unit'], locale: string, t: (k: 'unit.yuan' | 'unit.years') => string): string {
  const n = Number(value);
  if (unit === 'rate') return `${(n * 100).toLocaleString(locale, { maximumFractionDigits: 4 })}% (${value})`;
  if (unit === 'yuan') return `${n.toLocaleString(locale, { maximumFractionDigits: 2 })} ${t('unit.yuan')}`;
  return `${value} ${t('unit.years')}`;
}

export function ParameterValue({ parameter }: { parameter: ParameterDescription }) {
  const { t, language } = useI18n();
  if (parameter.value === null) {
    return (
      <span>
        <Tag color="gold">{t('policy.param.open')}</Tag>
        {parameter.openUntil && <Typography.Text type="secondary">{parameter.openUntil}</Typography.Text>}
      </span>
    );
  }
  return <strong>{formatParameterValue(parameter.value, parameter.unit, language, t)}</strong>;
}
