import { Component, type ReactNode } from 'react';
import { ErrorState } from './ErrorState';

interface Props {
  /** What failed to load, in words, e.g. "The outcome editor". */
  what: string;
  /** Called by "Try again": the caller recreates its lazy component and renders it again. */
  onRetry: () => void;
  children: ReactNode;
}

/**
 * Catches a lazy-loaded part of an app that failed to load or render (a network blip while fetching its
 * chunk), so the rest of the page stays usable and the user can try again.
 */
export class ChunkBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorState
        error={{
          code: 'INTERNAL',
          message: `${this.props.what} could not be opened. Check your connection and try again.`,
          fieldErrors: [],
        }}
        onRetry={() => {
          this.setState({ failed: false });
          this.props.onRetry();
        }}
      />
    );
  }
}
