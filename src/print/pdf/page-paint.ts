/**
 * What a page paints, read from its content streams (and the forms they draw) with the
 * graphics state followed: the colour of every text run, thin rules, and the heaviest ink of
 * any colour painted. The preflight (preflight.ts) judges these facts; nothing here decides.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject, type PDFPage } from 'pdf-lib';
import { contentText, numbers, operations } from './content-stream.ts';

export type SpaceKind = 'gray' | 'rgb' | 'cmyk' | 'all' | 'separation' | 'other';

export interface Color {
  kind: SpaceKind;
  values: number[];
}

/** A colour painted, and how many times. */
export interface PaintedColor {
  color: Color;
  count: number;
}

export interface PaintFacts {
  /** Colours of text runs (one per text-showing operator), by colour. */
  text: PaintedColor[];
  /** Colours of thin rules: strokes and filled rectangles at most RULE_MAX_PT thick. */
  rules: PaintedColor[];
  /** Every colour painted (fills, strokes, text), by colour. */
  painted: PaintedColor[];
}

/** A rule thinner than this (in points, on the page) is a « filet ». */
export const RULE_MAX_PT = 2;

type Matrix = [number, number, number, number, number, number];
const multiply = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];
const scaleOf = (m: Matrix): number => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

interface State {
  ctm: Matrix;
  fill: Color;
  stroke: Color;
  lineWidth: number;
}

const DEVICE: Record<string, Color> = {
  DeviceGray: { kind: 'gray', values: [0] },
  DeviceRGB: { kind: 'rgb', values: [0, 0, 0] },
  DeviceCMYK: { kind: 'cmyk', values: [0, 0, 0, 1] },
  CalGray: { kind: 'gray', values: [0] },
  CalRGB: { kind: 'rgb', values: [0, 0, 0] },
};

/** The kind of a colour space as found in a resource dictionary (or a device name). */
function spaceKind(context: PDFContext, obj: PDFObject | undefined): SpaceKind {
  const value = obj instanceof PDFRef ? context.lookup(obj) : obj;
  if (value instanceof PDFName) return DEVICE[value.decodeText()]?.kind ?? 'other';
  if (!(value instanceof PDFArray)) return 'other';
  const family = value.lookup(0);
  const name = family instanceof PDFName ? family.decodeText() : '';
  if (name === 'ICCBased') {
    const n = (context.lookup(value.get(1)) as PDFStream | undefined)?.dict.lookup(PDFName.of('N'));
    const components = n instanceof PDFNumber ? n.asNumber() : 0;
    return components === 4 ? 'cmyk' : components === 3 ? 'rgb' : components === 1 ? 'gray' : 'other';
  }
  if (name === 'Separation') {
    const colorant = value.lookup(1);
    return colorant instanceof PDFName && colorant.decodeText() === 'All' ? 'all' : 'separation';
  }
  return DEVICE[name]?.kind ?? 'other';
}

const key = (color: Color): string => `${color.kind}:${color.values.map((v) => v.toFixed(3)).join(',')}`;

/** Follows the page's content streams and returns what it paints. */
export function pagePaint(context: PDFContext, page: PDFPage): PaintFacts {
  const tallies = { text: new Map<string, PaintedColor>(), rules: new Map<string, PaintedColor>(), painted: new Map<string, PaintedColor>() };
  const tally = (into: Map<string, PaintedColor>, color: Color): void => {
    const entry = into.get(key(color)) ?? { color, count: 0 };
    entry.count++;
    into.set(key(color), entry);
  };
  const lookupDict = (obj: PDFObject | undefined): PDFDict | undefined => {
    const value = obj instanceof PDFRef ? context.lookup(obj) : obj;
    return value instanceof PDFDict ? value : undefined;
  };
  const visitedForms = new Set<string>();

  const run = (streams: PDFRawStream[], resources: PDFDict | undefined, start: State): void => {
    const named = (group: string, name: string): PDFObject | undefined => lookupDict(resources?.get(PDFName.of(group)))?.get(PDFName.of(name.slice(1)));
    let state: State = { ...start };
    const stack: State[] = [];
    let pendingRect: number | undefined;
    const setSpace = (which: 'fill' | 'stroke', operand: string | undefined): void => {
      const name = operand ?? '';
      const kind = DEVICE[name.slice(1)]?.kind ?? spaceKind(context, named('ColorSpace', name));
      const initial = kind === 'cmyk' ? [0, 0, 0, 1] : kind === 'rgb' ? [0, 0, 0] : kind === 'all' || kind === 'separation' ? [1] : [0];
      state = { ...state, [which]: { kind, values: initial } };
    };
    const setValues = (which: 'fill' | 'stroke', values: number[]): void => {
      if (values.some(Number.isNaN)) return; // a pattern name: kind stays « other »
      state = { ...state, [which]: { kind: state[which].kind, values } };
    };
    const paintFill = (thickness?: number): void => {
      tally(tallies.painted, state.fill);
      if (thickness !== undefined && thickness <= RULE_MAX_PT) tally(tallies.rules, state.fill);
    };
    const paintStroke = (): void => {
      tally(tallies.painted, state.stroke);
      if (state.lineWidth * scaleOf(state.ctm) <= RULE_MAX_PT) tally(tallies.rules, state.stroke);
    };
    for (const stream of streams) {
      for (const op of operations(contentText(stream))) {
        const n = numbers(op);
        switch (op.operator) {
          case 'q': stack.push(state); break;
          case 'Q': state = stack.pop() ?? state; break;
          case 'cm': if (n.length === 6) state = { ...state, ctm: multiply(n as Matrix, state.ctm) }; break;
          case 'w': state = { ...state, lineWidth: n[0] ?? 1 }; break;
          case 'g': state = { ...state, fill: { kind: 'gray', values: n } }; break;
          case 'G': state = { ...state, stroke: { kind: 'gray', values: n } }; break;
          case 'rg': state = { ...state, fill: { kind: 'rgb', values: n } }; break;
          case 'RG': state = { ...state, stroke: { kind: 'rgb', values: n } }; break;
          case 'k': state = { ...state, fill: { kind: 'cmyk', values: n } }; break;
          case 'K': state = { ...state, stroke: { kind: 'cmyk', values: n } }; break;
          case 'cs': setSpace('fill', op.operands[0]); break;
          case 'CS': setSpace('stroke', op.operands[0]); break;
          case 'sc': case 'scn': setValues('fill', n); break;
          case 'SC': case 'SCN': setValues('stroke', n); break;
          case 're': {
            // Rectangles as Chromium draws borders: `x y w h re f`. A path of several is judged by its last.
            const [, , w = 0, h = 0] = n;
            pendingRect = Math.min(Math.abs(w), Math.abs(h)) * scaleOf(state.ctm);
            break;
          }
          case 'f': case 'F': case 'f*': paintFill(pendingRect); pendingRect = undefined; break;
          case 'S': case 's': paintStroke(); pendingRect = undefined; break;
          case 'B': case 'B*': case 'b': case 'b*': paintFill(pendingRect); paintStroke(); pendingRect = undefined; break;
          case 'n': pendingRect = undefined; break;
          case 'Tj': case 'TJ': case "'": case '"': tally(tallies.text, state.fill); tally(tallies.painted, state.fill); break;
          case 'Do': {
            const ref = named('XObject', op.operands[0] ?? '');
            const form = ref instanceof PDFRef ? context.lookup(ref) : ref;
            if (!(form instanceof PDFRawStream) || form.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Form') || visitedForms.has(String(ref))) break;
            visitedForms.add(String(ref));
            const matrix = form.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray)?.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : 0));
            const ctm = matrix?.length === 6 ? multiply(matrix as Matrix, state.ctm) : state.ctm;
            run([form], lookupDict(form.dict.get(PDFName.of('Resources'))) ?? resources, { ...state, ctm });
            visitedForms.delete(String(ref));
            break;
          }
        }
      }
    }
  };

  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
  const streams = (resolved instanceof PDFArray ? resolved.asArray().map((r) => context.lookup(r)) : [resolved]).filter((s): s is PDFRawStream => s instanceof PDFRawStream);
  const black: Color = { kind: 'gray', values: [0] };
  run(streams, page.node.Resources(), { ctm: [1, 0, 0, 1, 0, 0], fill: black, stroke: black, lineWidth: 1 });
  return { text: [...tallies.text.values()], rules: [...tallies.rules.values()], painted: [...tallies.painted.values()] };
}
