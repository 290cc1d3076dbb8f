import { useState } from 'react';
import { Alert, Button, Flex, Input, Modal, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';

export type ApiKeySecretModalProps = {
  /** The key's name, for the title. */
  name: string;
  /** The full secret (`ph_…`); the API returns it exactly once. */
  secret: string;
  onClose: () => void;
};

/** Shows a new API key's secret once, with a copy button and a warning that it cannot be shown again. */
export function ApiKeySecretModal({ name, secret, onClose }: ApiKeySecretModalProps) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);

  const handleCopy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the text stays selectable.
      setCopyFailed(true);
    }
  };

  return (
    <Modal
      open
      title={`API key “${name}” created`}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          I have stored the key
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title="Copy the secret now. It is shown only this once."
        description="Partner Hub stores only a hash of it. If you lose it, revoke this key and create a new one."
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>
        Partner systems send it with every request as <Typography.Text code>Authorization: Bearer {'<secret>'}</Typography.Text>.
      </Typography.Paragraph>
      <Flex gap={8}>
        <Input
          readOnly
          value={secret}
          aria-label="API key secret"
          onFocus={(event) => event.target.select()}
          style={{ fontFamily: 'monospace' }}
        />
        <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void handleCopy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </Flex>
      {copyFailed ? (
        <Typography.Text type="danger" role="alert">
          The browser did not allow copying. Select the secret and copy it by hand.
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
