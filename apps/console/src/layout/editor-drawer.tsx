import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';

interface EditorDrawerProps {
  open: boolean;
  onClose: () => void;
  /** Drawer width in pixels. */
  size: number;
  title: string;
  /** Shows the save button as busy while the submit is in flight. */
  saving: boolean;
  /** Usually `() => form.submit()`, so the form's own validation runs first. */
  onSave: () => void;
  cancelLabel: string;
  saveLabel: string;
  saveTestId: string;
  children: ReactNode;
}

/** Right-hand drawer for a create/edit form, with cancel and save in the footer; its content is dropped when hidden. */
export function EditorDrawer({ open, onClose, size, title, saving, onSave, cancelLabel, saveLabel, saveTestId, children }: EditorDrawerProps) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={size}
      destroyOnHidden
      title={title}
      footer={
        <Space>
          <Button onClick={onClose}>{cancelLabel}</Button>
          <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
            {saveLabel}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  );
}
