/** The drawing area every chart shares: its size in SVG units, margins for the axes, and scales. */
import { linearScale, type Scale } from './scale.ts';

export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly x: Scale;
  readonly y: Scale;
}

const WIDTH = 420;
const HEIGHT = 300;

/** A frame with y growing upwards (SVG's grows down) and room for tick and axis labels. */
export function frame(xDomain: readonly [number, number], yDomain: readonly [number, number]): ChartFrame {
  const left = 52;
  const right = WIDTH - 14;
  const top = 10;
  const bottom = HEIGHT - 40;
  return {
    width: WIDTH,
    height: HEIGHT,
    left,
    right,
    top,
    bottom,
    x: linearScale(xDomain, [left, right]),
    y: linearScale(yDomain, [bottom, top]),
  };
}
