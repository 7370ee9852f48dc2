import { Table, Tag, Typography } from 'antd';
import type { Check } from '../../api/evaluation';
import { useI18n } from '../../app/i18n';
import { figure } from './format';

export function MetTag({ met }: { met: boolean | null }) {
  const { t } = useI18n();
  return <Tag color={met === true ? 'green' : met === false ? 'red' : 'default'}>{t(`evaluation.met.${String(met)}` as 'evaluation.met.true')}</Tag>;
}

/** Conditions with the enterprise's figure, the threshold and what is missing. */
export function ChecksTable({ checks, testId }: { checks: Check[]; testId: string }) {
  const { t, language } = useI18n();
  return (
    <Table<Check>
      size="small"
      rowKey="id"
      pagination={false}
      data-testid={testId}
      dataSource={checks}
      columns={[
        { key: 'label', title: t('evaluation.check'), render: (_, c) => <span>{c.label}{c.clause ? <Typography.Text type="secondary"> {c.clause}</Typography.Text> : null}</span> },
        { key: 'actual', title: t('evaluation.actual'), render: (_, c) => figure(c.actual, c.unit, language) },
        { key: 'required', title: t('evaluation.required'), render: (_, c) => figure(c.required, c.unit, language) },
        { key: 'met', title: t('evaluation.result'), render: (_, c) => <MetTag met={c.met} /> },
        {
          key: 'detail', title: '',
          render: (_, c) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.detail}
              {c.needed.length > 0 && <div>{t('evaluation.unknown', { fields: c.needed.join(', ') })}</div>}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
