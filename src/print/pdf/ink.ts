/**
 * Lightness and chroma of the colours a page uses, to tell « black or dark grey » (which a
 * printer wants on the black plate alone) from a colour. Pure functions.
 *
 * The black ramp below was measured, not assumed: tints of K from 0 to 100 % rendered by
 * Ghostscript through the bundled FOGRA39 profile (print/icc/FOGRA39L-argyll.icc, relative
 * colorimetric, paper white = 255) into sRGB:
 *   gs -sDEVICE=ppmraw -sDefaultCMYKProfile=FOGRA39L-argyll.icc  (0 0 0 k setcmykcolor …)
 * A solid K prints as sRGB 31 (L* ≈ 11), so anything as dark as that is simply 100 % K.
 */

/** sRGB grey level (0–255) of K = 0 %, 10 %, … 100 % on FOGRA39, as measured above. */
const K_RAMP_SRGB = [255, 237, 218, 198.7, 178.3, 157.7, 135.7, 111.7, 87.7, 61.7, 30.3];

/** Below this L* (and chroma), a colour is « black or dark grey » (K ≥ 60 % in the ramp). */
export const DARK_LIGHTNESS = 50;
/** Above this chroma (CIELAB C*), a dark colour is a colour (brown, navy…), not a grey. */
export const NEUTRAL_CHROMA = 15;

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);

/** CIELAB L* and C* (D65) of an sRGB colour given as 0–1 components. */
export function lab(r: number, g: number, b: number): { l: number; c: number } {
  const [R, G, B] = [linear(r), linear(g), linear(b)];
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  const a = 500 * (fx - fy);
  const bb = 200 * (fy - fz);
  return { l: 116 * fy - 16, c: Math.hypot(a, bb) };
}

const RAMP_L = K_RAMP_SRGB.map((v) => lab(v / 255, v / 255, v / 255).l);

/**
 * The K tint (0–1) that prints a dark near-neutral sRGB colour on the black plate alone, at the
 * same lightness; undefined for a colour that is not black or dark grey.
 */
export function kOnlyTint(r: number, g: number, b: number): number | undefined {
  const { l, c } = lab(r, g, b);
  if (l > DARK_LIGHTNESS || c > NEUTRAL_CHROMA) return undefined;
  for (let i = 1; i < RAMP_L.length; i++) {
    const [lighter, darker] = [RAMP_L[i - 1] ?? 100, RAMP_L[i] ?? 0];
    if (l >= darker) return Math.round((i - 1 + (lighter - l) / (lighter - darker)) * 10) / 100;
  }
  return 1;
}

/**
 * Whether a CMYK colour looks black or dark grey (its naive sRGB equivalent is dark and nearly
 * neutral): what must then be K only. Enough to tell rich black from a colour; not a proof.
 */
export function isDarkNeutralCmyk([c, m, y, k]: readonly number[]): boolean {
  const white = 1 - (k ?? 0);
  const { l, c: chroma } = lab((1 - (c ?? 0)) * white, (1 - (m ?? 0)) * white, (1 - (y ?? 0)) * white);
  return l <= DARK_LIGHTNESS && chroma <= NEUTRAL_CHROMA;
}

/** Whether a CMYK colour uses only the black plate (C, M, Y under 0.5 %). */
export const isKOnly = ([c, m, y]: readonly number[]): boolean => (c ?? 0) < 0.005 && (m ?? 0) < 0.005 && (y ?? 0) < 0.005;
