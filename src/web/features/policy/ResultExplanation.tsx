import { Segmented, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { explainResult, explainTrace, type Lang } from '../../../policy/explain';
import type { ClaimResult, TraceStep } from '../../../policy/types';
import { useI18n } from '../../app/i18n';
import { formatYuanExact } from './money';

const STATUS_COLOR: Record<ClaimResult['status'], string> = {
  granted: 'green',
  ineligible: 'red',
  excluded: 'orange',
  'needs-parameters': 'gold',
};

export function EngineStatusTag({ status }: { status: ClaimResult['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="engine-status">
      {t(`engine.status.${status}`)}
    </Tag>
  );
}

function stepColor(step: TraceStep): string {
  switch (step.kind) {
    case 'condition':
      return step.met ? 'green' : 'red';
    case 'parameter':
      return step.parameterValue === null ? 'gold' : 'blue';
    case 'arithmetic':
    case 'assessed':
      return 'blue';
    case 'cap':
      return step.binding ? 'orange' : 'gray';
    case 'exclusion':
      return 'orange';
  }
}

/**
 * The engine's result as a sentence (explainResult) and its trace as a timeline (explainTrace), in Chinese
 * by default; the switch renders the same result in English without asking the server again.
 */
export function ResultExplanation({ result, showTrace = true }: { result: ClaimResult; showTrace?: boolean }) {
  const { t, language } = useI18n();
  const [lang, setLang] = useState<Lang>(language === 'en-US' ? 'en' : 'zh');
  const lines = explainTrace(result, lang);
  return (
    <div data-testid="result-explanation">
      <Space wrap style={{ marginBottom: 8 }}>
        <EngineStatusTag status={result.status} />
        <Typography.Text strong data-testid="result-amount">
          {formatYuanExact(result.amount, language)} {t('unit.yuan')}
        </Typography.Text>
        {result.basis && <Tag>{t(`engine.basis.${result.basis}`)}</Tag>}
        <Typography.Text type="secondary">{result.citation}</Typography.Text>
        <Segmented<Lang>
          size="small"
          data-testid="explanation-lang"
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Space>
      <Typography.Paragraph
        data-testid="explanation"
        lang={lang === 'zh' ? 'zh-CN' : 'en'}
        style={{ background: '#f6f8fb', padding: '8px 12px', borderRadius: 6, marginBottom: 12 }}
      >
        {explainResult(result, lang)}
      </Typography.Paragraph>
      {showTrace && (
        <>
          <Typography.Text type="secondary">{t('engine.trace')}</Typography.Text>
          <Timeline
            data-testid="trace-timeline"
            style={{ marginTop: 12 }}
            items={result.trace.map((step, i) => ({
              key: i,
              color: stepColor(step),
              content: (
                <span data-testid="trace-step">
                  <Tag bordered={false}>{t(`engine.step.${step.kind}`)}</Tag>
                  {lines[i]}
                </span>
              ),
            }))}
          />
        </>
      )}
    </div>
  );
}
