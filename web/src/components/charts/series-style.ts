/**
 * How series tell apart: a colour (Okabe–Ito, safe for colour-blind readers), a dash pattern and a
 * marker shape, so no series is told by colour alone.
 */
import type { MarkerShape } from './path.ts';

export interface SeriesStyle {
  readonly color: string;
  readonly dash: string | undefined;
  readonly marker: MarkerShape;
}

const colors = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];
const dashes = [undefined, '7 4', '2 3', '10 3 2 3', '4 4', '1 2'];
const markers: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross'];

export function seriesStyle(index: number): SeriesStyle {
  return {
    color: colors[index % colors.length] as string,
    dash: dashes[index % dashes.length],
    marker: markers[index % markers.length] as MarkerShape,
  };
}
