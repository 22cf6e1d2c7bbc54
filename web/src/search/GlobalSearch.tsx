import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';

/** One hit of GET /api/v1/search; highlights are [start, end) offsets in the title. */
interface SearchHit {
  id: string;
  title: string;
  subtitle: string;
  path: string;
  highlights: [number, number][];
}
interface SearchGroup {
  kind: string;
  more: boolean;
  hits: SearchHit[];
}
interface SearchAnswer {
  query: string;
  truncated: boolean;
  /** The index is being built or caught up after an initial load: matches may be missing. */
  indexing?: boolean;
  groups: SearchGroup[];
}

const WAIT_MS = 250; // typing pauses this long before the node is asked

/** The title with the query's words marked. */
export function highlighted(title: string, ranges: [number, number][]): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(title.slice(at, start));
    parts.push(<mark key={i}>{title.slice(start, end)}</mark>);
    at = end;
  });
  if (at < title.length) parts.push(title.slice(at));
  return parts;
}

/** The header's search box: customers, contacts and whatever else the node's modules offer,
 *  by Chinese words, pinyin, initials (gzmz) or numbers. */
export default function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer>();
  const asked = useRef(0);

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setAnswer(undefined);
      return;
    }
    const ask = ++asked.current;
    const timer = setTimeout(() => {
      api<SearchAnswer>('GET', '/api/v1/search', { query: { q: query, limit: 5 } })
        .then((found) => ask === asked.current && setAnswer(found))
        .catch(() => ask === asked.current && setAnswer({ query, truncated: false, groups: [] }));
    }, WAIT_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const groups = (answer?.groups ?? []).filter((group) => group.hits.length > 0);
  const found = groups.map((group) => ({
    label: (
      <Typography.Text type="secondary">
        {t(`search.kind.${group.kind}`, { defaultValue: group.kind })}
        {group.more ? ` · ${t('search.more')}` : ''}
      </Typography.Text>
    ),
    options: group.hits.map((hit) => ({
      value: `${group.kind}:${hit.id}`,
      label: (
        <div data-testid="search-hit">
          <div>{highlighted(hit.title, hit.highlights)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hit.subtitle}
          </Typography.Text>
        </div>
      ),
    })),
  }));
  const options = answer?.indexing
    ? [
        {
          value: 'search:indexing',
          disabled: true,
          label: (
            <Typography.Text type="warning" data-testid="search-indexing">
              {t('search.indexing')}
            </Typography.Text>
          ),
        },
        ...found,
      ]
    : found;

  return (
    <AutoComplete
      style={{ width: 260 }}
      options={options}
      value={text}
      onChange={setText}
      onSelect={(value: string) => {
        const hit = groups.flatMap((group) => group.hits.map((h) => ({ ...h, value: `${group.kind}:${h.id}` })))
          .find((h) => h.value === value);
        setText('');
        if (hit) navigate(hit.path);
      }}
      notFoundContent={answer && text.trim() ? t('search.nothing') : undefined}
      popupMatchSelectWidth={360}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        data-testid="global-search"
      />
    </AutoComplete>
  );
}
