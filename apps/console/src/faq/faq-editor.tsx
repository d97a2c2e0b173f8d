import { AutoComplete, Form, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Faq, FaqInput } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { EditorDrawer } from '../layout/editor-drawer.js';

/** Server limits would reject anything longer; checking here gives the message next to the field. */
const MAX_QUESTION = 500;
const MAX_ANSWER = 4000;
const MAX_CATEGORY = 100;

interface FaqEditorProps {
  open: boolean;
  /** The FAQ being edited, or null to create one. */
  faq: Faq | null;
  categories: readonly string[];
  onSubmit: (input: FaqInput) => Promise<void>;
  onClose: () => void;
}

/** Drawer form to create or edit one FAQ: question, paraphrases as tags, answer, category. */
export function FaqEditor({ open, faq, categories, onSubmit, onClose }: FaqEditorProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<FaqInput>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(faq ? { question: faq.question, paraphrases: faq.paraphrases, answer: faq.answer, category: faq.category } : { paraphrases: [] });
  }, [open, faq, form]);

  const submit = async (values: FaqInput) => {
    setSaving(true);
    try {
      await onSubmit({
        question: values.question.trim(),
        paraphrases: [...new Set((values.paraphrases ?? []).map((p) => p.trim()).filter(Boolean))],
        answer: values.answer.trim(),
        category: values.category.trim(),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <EditorDrawer
      open={open}
      onClose={onClose}
      size={560}
      title={t(faq ? 'faq.form.editTitle' : 'faq.form.createTitle')}
      saving={saving}
      onSave={() => form.submit()}
      cancelLabel={t('faq.form.cancel')}
      saveLabel={t('faq.form.save')}
      saveTestId="faq-save"
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="question"
          label={t('faq.form.question')}
          rules={[{ required: true, whitespace: true, message: t('faq.form.required.question') }, { max: MAX_QUESTION }]}
        >
          <Input data-testid="faq-question" maxLength={MAX_QUESTION} showCount />
        </Form.Item>
        <Form.Item name="paraphrases" label={t('faq.form.paraphrases')} extra={t('faq.form.paraphrasesHint')}>
          <Select mode="tags" open={false} tokenSeparators={['\n']} suffixIcon={null} data-testid="faq-paraphrases" />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('faq.form.answer')}
          rules={[{ required: true, whitespace: true, message: t('faq.form.required.answer') }, { max: MAX_ANSWER }]}
        >
          <Input.TextArea data-testid="faq-answer" autoSize={{ minRows: 5, maxRows: 14 }} maxLength={MAX_ANSWER} showCount />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('faq.form.category')}
          rules={[{ required: true, whitespace: true, message: t('faq.form.required.category') }, { max: MAX_CATEGORY }]}
        >
          <AutoComplete
            data-testid="faq-category"
            options={categories.map((value) => ({ value }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
          />
        </Form.Item>
      </Form>
    </EditorDrawer>
  );
}
