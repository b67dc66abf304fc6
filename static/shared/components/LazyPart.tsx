import { type ReactNode, Suspense } from 'react';
import { ChunkBoundary } from './ChunkBoundary';
import { LoadingState } from './LoadingState';

/** A lazily loaded part of a page: a loading line while it downloads, and "Try again" if it fails. */
export function LazyPart({
  attempt,
  what,
  loading,
  onRetry,
  children,
}: {
  /** Changes when the caller retries, so the boundary starts afresh. */
  attempt: number;
  /** What it is, for the failure message: "The KPI editor". */
  what: string;
  /** What is happening while it loads: "Opening the KPI editor". */
  loading: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  return (
    <ChunkBoundary key={attempt} what={what} onRetry={onRetry}>
      <Suspense fallback={<LoadingState label={loading} />}>{children}</Suspense>
    </ChunkBoundary>
  );
}
