import { Alert } from 'antd';

interface LoadFailedAlertProps {
  /** e.g. t('faq.loadFailed'). */
  title: string;
  /** The described failure, or null when the last load succeeded (then nothing is rendered). */
  error: string | null;
}

/** The red banner above a list whose last load failed. */
export function LoadFailedAlert({ title, error }: LoadFailedAlertProps) {
  if (!error) return null;
  return <Alert type="error" showIcon title={title} description={error} className="faq-page__notice" />;
}
