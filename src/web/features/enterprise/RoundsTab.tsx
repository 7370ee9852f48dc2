import { Button, Form, Input, InputNumber, Popconfirm, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { enterpriseApi } from '../../api/endpoints';
import { ROUNDS, type FinancingRound } from '../../api/types';
import { labelOr, useI18n } from '../../app/i18n';
import { formatWan, orDash } from '../../components/format';
import { ModalForm, withoutBlanks } from '../../components/ModalForm';
import { useDelete } from './useDelete';

interface Props {
  enterpriseId: string;
  rounds: FinancingRound[];
  editable: boolean;
  onChanged(): void;
}

export function RoundsTab({ enterpriseId, rounds, editable, onChanged }: Props) {
  const { t, language } = useI18n();
  const [adding, setAdding] = useState(false);
  const remove = useDelete(onChanged);
  const rows = [...rounds].sort((a, b) => b.date.localeCompare(a.date));

  const columns: ColumnsType<FinancingRound> = [
    { key: 'round', title: t('round.field.round'), dataIndex: 'round', render: (v: string) => labelOr(t, `round.${v}`, v) },
    { key: 'date', title: t('round.field.date'), dataIndex: 'date' },
    {
      key: 'amount',
      title: t('round.field.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: number) => formatWan(v, language),
    },
    { key: 'investors', title: t('round.field.investors'), dataIndex: 'investors', render: orDash },
  ];
  if (editable) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => (
        <Popconfirm title={t('common.confirmDelete')} onConfirm={() => remove(() => enterpriseApi.deleteRound(enterpriseId, r.id))}>
          <Button size="small" type="link" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div data-testid="rounds-tab">
      {editable && (
        <Button style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="round-add">
          {t('round.add')}
        </Button>
      )}
      <Table<FinancingRound> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} />
      <ModalForm<Omit<FinancingRound, 'id'>>
        open={adding}
        title={t('round.add')}
        onCancel={() => setAdding(false)}
        onSubmit={async (values) => {
          await enterpriseApi.addRound(enterpriseId, withoutBlanks(values) as Omit<FinancingRound, 'id'>);
          setAdding(false);
          onChanged();
        }}
      >
        <Form.Item name="round" label={t('round.field.round')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={ROUNDS.map((r) => ({ value: r, label: t(`round.${r}`) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('round.field.date')} rules={[{ required: true, message: t('common.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="amount" label={t('round.field.amountYuan')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="investors" label={t('round.field.investors')}>
          <Input />
        </Form.Item>
      </ModalForm>
    </div>
  );
}
