import { Tag } from 'antd';
import type { ConversationChannel } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';

const CHANNEL_COLOR: Record<ConversationChannel, string> = {
  web: 'default',
  app: 'geekblue',
  wechat_mp: 'green',
  wechat_mini: 'green',
  wecom_kf: 'cyan',
  phone: 'orange',
  speaker: 'purple',
};

/** Where the customer came in (网页, App, 公众号, 小程序, 企业微信, 电话, 音箱), so an agent knows what the customer can see. */
export function ChannelTag({ channel }: { channel: ConversationChannel | undefined }) {
  const { t } = useI18n();
  const known = channel ?? 'web';
  return (
    <Tag color={CHANNEL_COLOR[known]} variant="outlined" data-testid="conversation-channel" data-channel={known}>
      {t(`conversation.channel.${known}`)}
    </Tag>
  );
}
