/**
 * Escape closes a small inline form, as its Cancel button does: a keydown handler for the element
 * around it. A key some control inside already used (its event default prevented) is left. Not
 * for forms whose loss would hurt (a feature-set draft): there only Cancel discards.
 */
import type { KeyboardEvent } from 'react';

export const closeOnEscape =
  (close: () => void) =>
  (event: KeyboardEvent): void => {
    // Escape also ends an input method's composition: that one is the input's, not the form's.
    if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    event.preventDefault();
    close();
  };
