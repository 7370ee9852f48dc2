import { Form, Modal, type FormInstance } from 'antd';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import type { ApiIssue } from '../api/client';
import { ErrorAlert } from './ErrorAlert';
import { applyServerIssues } from './errors';

interface Props<T> {
  open: boolean;
  title: ReactNode;
  okText?: ReactNode;
  initialValues?: Partial<T>;
  testId?: string;
  width?: number;
  onCancel(): void;
  /** Throw the ApiError to have its issues shown beside the fields. */
  onSubmit(values: T): Promise<void>;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
}

/** A modal with a vertical form whose server-side validation errors land on the matching fields. */
export function ModalForm<T extends object>(props: Props<T>) {
  const { open, title, okText, initialValues, testId, width, onCancel, onSubmit, children } = props;
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiIssue[]>([]);
  const [submitting, setSubmitting] = useState(false);

  // A layout effect: the fields are reset and filled before the opened dialog is painted, so nothing typed into the
  // visible dialog (by a fast user or a browser test on a busy machine) can be overwritten by a late reset.
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initialValues) form.setFieldsValue(initialValues as never);
    setError(null);
    setUnmatched([]);
    // initialValues is read once per opening on purpose.
  }, [open, form]);

  async function submit() {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (err) {
      setUnmatched(applyServerIssues(form, err));
      setError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      width={width}
      confirmLoading={submitting}
      onOk={submit}
      onCancel={onCancel}
      forceRender
      data-testid={testId}
    >
      {error ? <ErrorAlert error={error} issues={unmatched} /> : null}
      <Form<T> form={form} layout="vertical" onFinish={submit} data-testid={testId ? `${testId}-form` : undefined}>
        {typeof children === 'function' ? children(form) : children}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** Empty inputs become null, so optional fields are cleared rather than sent as ''. */
export function blankToNull<T extends object>(values: T): { [K in keyof T]: T[K] | null } {
  const out = {} as { [K in keyof T]: T[K] | null };
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    out[key] = value === '' || value === undefined ? null : value;
  }
  return out;
}

/** Drops empty values entirely, for create requests where absent means "not known". */
export function withoutBlanks<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (value !== '' && value !== undefined && value !== null) out[key] = value;
  }
  return out;
}
