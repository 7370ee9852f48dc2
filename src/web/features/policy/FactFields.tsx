import { Descriptions, Form, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import type { FactDescription, FactValue, MeasureDescription } from '../../api/subsidy-types';
import { labelOr, useI18n } from '../../app/i18n';

/** A fact's label in the page's language. */
export const factLabel = (fact: FactDescription, language: string) => (language === 'en-US' ? fact.labelEn : fact.label);

/** The inputs a measure's facts need, named `[...prefix, 'facts', fact]` inside an antd form. */
export function FactFields({ measure, prefix }: { measure: MeasureDescription | undefined; prefix: (string | number)[] }) {
  const { t, language } = useI18n();
  if (!measure) return null;
  return (
    <>
      {measure.facts.map((fact) => (
        <Form.Item
          key={fact.name}
          name={[...prefix, 'facts', fact.name]}
          label={`${factLabel(fact, language)} (${fact.name})`}
          rules={fact.optional || fact.type === 'boolean' ? [] : [{ required: true, message: t('common.required') }]}
          valuePropName={fact.type === 'boolean' ? 'checked' : 'value'}
          extra={fact.type === 'money' ? t('policy.fact.moneyHint') : fact.type === 'rate' ? t('policy.fact.rateHint') : undefined}
        >
          <FactInput fact={fact} />
        </Form.Item>
      ))}
    </>
  );
}

function FactInput({ fact, ...rest }: { fact: FactDescription }) {
  const testId = `fact-${fact.name}`;
  switch (fact.type) {
    case 'money':
      return <InputNumber {...rest} min={0} precision={2} style={{ width: '100%' }} data-testid={testId} />;
    case 'rate':
      return <InputNumber {...rest} min={0} step={0.01} style={{ width: '100%' }} data-testid={testId} />;
    case 'date':
      return <Input {...rest} type="date" data-testid={testId} />;
    case 'boolean':
      return <Switch {...rest} data-testid={testId} />;
    default:
      return fact.values ? (
        <Select {...rest} data-testid={testId} options={fact.values.map((v) => ({ value: v, label: v }))} />
      ) : (
        <Input {...rest} data-testid={testId} />
      );
  }
}

/** Drops empty optional facts; booleans left untouched are false. */
export function cleanFacts(measure: MeasureDescription | undefined, facts: Record<string, unknown> | undefined): Record<string, FactValue> {
  const out: Record<string, FactValue> = {};
  for (const fact of measure?.facts ?? []) {
    const value = facts?.[fact.name];
    if (fact.type === 'boolean') out[fact.name] = !!value;
    else if (value !== undefined && value !== null && value !== '') out[fact.name] = value as FactValue;
  }
  return out;
}

/** What the measure picker shows about the chosen measure: its clause, formula, cap, conditions and facts. */
export function MeasureFacts({ measure }: { measure: MeasureDescription | undefined }) {
  const { t, language } = useI18n();
  if (!measure) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="measure-facts"
      style={{ marginBottom: 16 }}
      items={[
        { key: 'citation', label: t('policy.measure.citation'), children: measure.citation },
        { key: 'title', label: t('policy.measure.title'), children: language === 'en-US' ? measure.titleEn : measure.title },
        { key: 'beneficiary', label: t('policy.measure.beneficiary'), children: labelOr(t, `policy.beneficiary.${measure.beneficiary}`, measure.beneficiary) },
        { key: 'formula', label: t('policy.measure.formula'), children: <Typography.Text code>{measure.formula}</Typography.Text> },
        {
          key: 'cap',
          label: t('policy.measure.cap'),
          children: measure.cap ? `${t(`policy.cap.${measure.cap.kind}`)} ${measure.cap.parameter}（${measure.cap.clause}）` : '—',
        },
        {
          key: 'facts',
          label: t('policy.measure.facts'),
          children: measure.facts.map((f) => (
            <Tag key={f.name} color={f.optional ? undefined : 'blue'}>
              {factLabel(f, language)} · {f.name} · {labelOr(t, `policy.factType.${f.type}`, f.type)}
              {f.optional ? ` · ${t('policy.fact.optional')}` : ''}
            </Tag>
          )),
        },
        ...(measure.conditions.length
          ? [{ key: 'conditions', label: t('policy.measure.conditions'), children: measure.conditions.map((c) => <div key={c}>{c}</div>) }]
          : []),
      ]}
    />
  );
}
