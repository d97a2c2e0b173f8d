import { AutoComplete, Descriptions, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Suggestion, SuggestionAcceptInput } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { acceptPayloadOf, type AcceptFormValues } from './accept-payload.js';

/** Server limits: longer values would be rejected. */
const MAX_QUESTION = 500;
const MAX_ANSWER = 4000;
const MAX_CATEGORY = 100;

interface SuggestionAcceptModalProps {
  /** The suggestion being accepted, or null when closed. */
  suggestion: Suggestion | null;
  categories: readonly string[];
  onSubmit: (suggestion: Suggestion, input: SuggestionAcceptInput) => Promise<void>;
  onClose: () => void;
}

/**
 * Accepting a suggestion: a new FAQ needs its question (editable), an answer and a
 * category; a paraphrase suggestion shows the target FAQ and the wordings to add.
 */
export function SuggestionAcceptModal({ suggestion, categories, onSubmit, onClose }: SuggestionAcceptModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<AcceptFormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!suggestion) return;
    form.resetFields();
    form.setFieldsValue({
      question: suggestion.question,
      answer: '',
      category: '',
      paraphrases: suggestion.paraphrases.map((p) => p.text).filter((text) => text !== suggestion.question),
    });
  }, [suggestion, form]);

  const submit = async (values: AcceptFormValues) => {
    if (!suggestion) return;
    setSaving(true);
    try {
      await onSubmit(suggestion, acceptPayloadOf(suggestion, { ...values, paraphrases: values.paraphrases ?? [] }));
    } finally {
      setSaving(false);
    }
  };

  const newFaq = suggestion?.kind === 'new_faq';
  return (
    <Modal
      open={suggestion !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('suggestions.acceptModal.ok')}
      okButtonProps={{ 'data-testid': 'suggestion-accept-submit' }}
      cancelText={t('common.cancel')}
      width={640}
      destroyOnHidden
      title={t(newFaq ? 'suggestions.acceptModal.newFaqTitle' : 'suggestions.acceptModal.paraphraseTitle')}
    >
      {suggestion && !newFaq && (
        <Descriptions size="small" column={1} bordered className="suggestion-accept__target" data-testid="suggestion-target">
          <Descriptions.Item label={t('suggestions.acceptModal.targetFaq')}>{suggestion.question}</Descriptions.Item>
          <Descriptions.Item label={t('suggestions.acceptModal.targetFaqId')}>
            <code>{suggestion.faqId}</code>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        {newFaq && (
          <Form.Item
            name="question"
            label={t('suggestions.acceptModal.question')}
            rules={[{ required: true, whitespace: true, message: t('suggestions.acceptModal.required.question') }, { max: MAX_QUESTION }]}
          >
            <Input data-testid="suggestion-question" maxLength={MAX_QUESTION} showCount />
          </Form.Item>
        )}
        <Form.Item
          name="paraphrases"
          label={t(newFaq ? 'suggestions.acceptModal.paraphrases' : 'suggestions.acceptModal.toAdd')}
          extra={t(newFaq ? 'suggestions.acceptModal.paraphrasesHint' : 'suggestions.acceptModal.toAddHint')}
          rules={newFaq ? [] : [{ required: true, type: 'array', min: 1, message: t('suggestions.acceptModal.required.paraphrases') }]}
        >
          <Select mode="tags" open={false} tokenSeparators={['\n']} suffixIcon={null} data-testid="suggestion-paraphrases" />
        </Form.Item>
        {newFaq && (
          <Form.Item
            name="answer"
            label={t('suggestions.acceptModal.answer')}
            extra={t('suggestions.acceptModal.answerHint')}
            rules={[{ required: true, whitespace: true, message: t('suggestions.acceptModal.required.answer') }, { max: MAX_ANSWER }]}
          >
            <Input.TextArea data-testid="suggestion-answer" autoSize={{ minRows: 4, maxRows: 12 }} maxLength={MAX_ANSWER} showCount />
          </Form.Item>
        )}
        {newFaq && (
          <Form.Item name="category" label={t('suggestions.acceptModal.category')} extra={t('suggestions.acceptModal.categoryHint')} rules={[{ max: MAX_CATEGORY }]}>
            <AutoComplete
              data-testid="suggestion-category"
              options={categories.map((value) => ({ value }))}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
