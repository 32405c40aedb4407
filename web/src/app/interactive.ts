/**
 * `performance.mark('talaty:interactive')`, once, when the first page has rendered its content:
 * what the goals script (`npm run bench:web`) measures from navigation start.
 */
import { useIsFetching } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigation } from 'react-router';
import { INTERACTIVE_MARK } from './interactive-mark.ts';

let marked = false;

export function markInteractive(): void {
  if (marked) return;
  marked = true;
  performance.mark(INTERACTIVE_MARK);
}

/** Marks once no route is loading and no query is fetching. */
export function useInteractiveMark(): void {
  const fetching = useIsFetching();
  const navigation = useNavigation();
  useEffect(() => {
    if (fetching === 0 && navigation.state === 'idle') requestAnimationFrame(markInteractive);
  }, [fetching, navigation.state]);
}
