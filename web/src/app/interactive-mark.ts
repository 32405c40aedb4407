/** The performance mark the app sets once its first page has rendered; `npm run bench:web` measures up to it. */
export const INTERACTIVE_MARK = 'talaty:interactive';
