import { Select } from 'antd';

interface CategoryFilterProps {
  categories: readonly string[];
  value: string | undefined;
  onChange: (category: string | undefined) => void;
  /** Shown when no category is chosen, e.g. "全部分类". */
  placeholder: string;
  testId: string;
}

/** Clearable dropdown narrowing a list screen to one category. */
export function CategoryFilter({ categories, value, onChange, placeholder, testId }: CategoryFilterProps) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(next: string | undefined) => onChange(next)}
      options={categories.map((category) => ({ value: category, label: category }))}
      className="faq-page__category"
      data-testid={testId}
    />
  );
}
