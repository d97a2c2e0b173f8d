import { Input } from 'antd';

/** The server rejects longer `q` values. */
const MAX_QUERY_LENGTH = 200;

interface ListSearchProps {
  placeholder: string;
  /** Called on Enter, the search button, or clearing (with ''). */
  onSearch: (query: string) => void;
  testId: string;
}

/** Free-text search box above a list screen, capped at the length the server accepts. */
export function ListSearch({ placeholder, onSearch, testId }: ListSearchProps) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      maxLength={MAX_QUERY_LENGTH}
      onSearch={(value) => onSearch(value)}
      className="faq-page__search"
      data-testid={testId}
    />
  );
}
