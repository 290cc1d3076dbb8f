import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** Any path the app does not know. */
export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="Page not found"
      subTitle="There is no page at this address. It may have moved, or the link is mistyped."
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          Go to the start page
        </Button>
      }
    />
  );
}
