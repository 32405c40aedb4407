/**
 * Escape closes an inline form or panel, as its Cancel button does: a keydown handler for the
 * element around it. A key some control inside already used (its event default prevented) is left.
 */
import type { KeyboardEvent } from 'react';

export const closeOnEscape =
  (close: () => void) =>
  (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    close();
  };
