import { Button, Space } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n-context.js';

/** Up/down arrows of a row in a first-match-wins list. */
export function OrderedMoveButtons({ first, last, onMove }: { first: boolean; last: boolean; onMove: (step: -1 | 1) => void }) {
  const { t } = useI18n();
  return (
    <Space size={0}>
      <Button type="text" size="small" icon={<ArrowUpOutlined />} title={t('ticketAdmin.moveUp')} disabled={first} onClick={() => onMove(-1)} />
      <Button type="text" size="small" icon={<ArrowDownOutlined />} title={t('ticketAdmin.moveDown')} disabled={last} onClick={() => onMove(1)} />
    </Space>
  );
}
