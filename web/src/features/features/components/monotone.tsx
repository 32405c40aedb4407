/** A monotone constraint in words and an arrow, so the direction never rests on colour alone. */
export type Direction = -1 | 0 | 1;

export const monotoneOptions: ReadonlyArray<{ value: Direction; label: string }> = [
  { value: 0, label: 'None' },
  { value: 1, label: 'Increasing (+1)' },
  { value: -1, label: 'Decreasing (−1)' },
];

const shown: Record<Direction, { arrow: string; word: string; tone: string }> = {
  1: { arrow: '↗', word: 'Increasing', tone: 'up' },
  [-1]: { arrow: '↘', word: 'Decreasing', tone: 'down' },
  0: { arrow: '–', word: 'None', tone: 'none' },
};

export const monotoneWord = (value: number) => shown[value as Direction]?.word ?? String(value);

export function Monotone(props: { value: number }) {
  const { arrow, word, tone } = shown[props.value as Direction] ?? shown[0];
  return (
    <span className={`ff-monotone ff-monotone-${tone}`}>
      <span aria-hidden="true">{arrow}</span> {word}
    </span>
  );
}
