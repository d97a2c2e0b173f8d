import { AutoComplete, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import type { Article } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { EditorDrawer } from '../layout/editor-drawer.js';
import type { ArticleFormValues } from './article-patch.js';

/** Server limits would reject anything longer; checking here gives the message next to the field. */
const MAX_TITLE = 200;
const MAX_BODY = 50_000;
const MAX_CATEGORY = 100;

interface ArticleEditorProps {
  open: boolean;
  /** The article being edited, or null to create one. */
  article: Article | null;
  categories: readonly string[];
  onSubmit: (values: ArticleFormValues) => Promise<void>;
  onClose: () => void;
}

/** Drawer form to create an article or edit its newest version: title, category, plain-text body. */
export function ArticleEditor({ open, article, categories, onSubmit, onClose }: ArticleEditorProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<ArticleFormValues>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(article ? { title: article.title, body: article.body, category: article.category } : { title: '', body: '', category: '' });
  }, [open, article, form]);

  const submit = async (values: ArticleFormValues) => {
    setSaving(true);
    try {
      await onSubmit({ title: values.title, body: values.body, category: values.category ?? '' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <EditorDrawer
      open={open}
      onClose={onClose}
      size={640}
      title={t(article ? 'articles.form.editTitle' : 'articles.form.createTitle')}
      saving={saving}
      onSave={() => form.submit()}
      cancelLabel={t('articles.form.cancel')}
      saveLabel={t('articles.form.save')}
      saveTestId="article-save"
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="title"
          label={t('articles.form.title')}
          rules={[{ required: true, whitespace: true, message: t('articles.form.required.title') }, { max: MAX_TITLE }]}
        >
          <Input data-testid="article-title" maxLength={MAX_TITLE} showCount />
        </Form.Item>
        <Form.Item name="category" label={t('articles.form.category')} extra={t('articles.form.categoryHint')} rules={[{ max: MAX_CATEGORY }]}>
          <AutoComplete
            data-testid="article-category"
            options={categories.map((value) => ({ value }))}
            showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
          />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('articles.form.body')}
          extra={t('articles.form.bodyHint')}
          rules={[{ required: true, whitespace: true, message: t('articles.form.required.body') }, { max: MAX_BODY }]}
        >
          <Input.TextArea data-testid="article-body" autoSize={{ minRows: 10, maxRows: 24 }} maxLength={MAX_BODY} showCount />
        </Form.Item>
      </Form>
    </EditorDrawer>
  );
}
