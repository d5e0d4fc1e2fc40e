/**
 * Seeded random numbers for the Monte Carlo engine.
 *
 * - Uniform bits: xoshiro128** (Blackman & Vigna), 32-bit state words driven by Math.imul, so the
 *   generator stays in V8's small-integer fast paths and never allocates.
 * - Normal variates: the Marsaglia–Tsang ziggurat (128 layers). One 32-bit draw gives both the
 *   layer (low 7 bits) and a signed 25-bit abscissa (high bits) — disjoint bits, which avoids the
 *   layer/value correlation Doornik (2005) found in the original single-draw version.
 * - Streams: every path gets its own generator seeded from (seed, path index) through a 32-bit
 *   avalanche hash, so a path's numbers depend only on the seed and its index — never on how paths
 *   are split between worker threads.
 */

import { NEAR_RANGE, expDaily, expNear } from './models/fast-exp';

const INV_2_32 = 1 / 4294967296;

/** murmur3's 32-bit finalizer: full avalanche, used only to derive stream seeds. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

// ---------------------------------------------------------------- ziggurat tables

const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899; // right edge of the base layer (Marsaglia & Tsang 2000)
const ZIG_V = 9.91256303526217e-3; // common area of each layer
const ZIG_SCALE = 16777216; // 2^24: the abscissa is a signed 25-bit integer
const KN = new Int32Array(ZIG_LAYERS);
const WN = new Float64Array(ZIG_LAYERS);
const FN = new Float64Array(ZIG_LAYERS);
{
  const q = ZIG_V / Math.exp(-0.5 * ZIG_R * ZIG_R);
  let dn = ZIG_R;
  let tn = dn;
  KN[0] = Math.floor((dn / q) * ZIG_SCALE);
  KN[1] = 0;
  WN[0] = q / ZIG_SCALE;
  WN[ZIG_LAYERS - 1] = dn / ZIG_SCALE;
  FN[0] = 1;
  FN[ZIG_LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = ZIG_LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIG_V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * ZIG_SCALE);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / ZIG_SCALE;
  }
}

/** |z| of every fast-path normal is below this (j·WN[i] with |j| < KN[i]): about 3.443. */
let fastMax = 0;
for (let i = 0; i < ZIG_LAYERS; i++) fastMax = Math.max(fastMax, KN[i]! * WN[i]!);
const ZIG_FAST_MAX = fastMax;

export class Rng {
  /**
   * Whether `fillExpNormal(…, mu, sigma)` may run: every fast-path move mu + sigma·z is then within
   * `expNear`'s table (|mu| + |sigma|·3.443 < 8 − a margin for rounding; a daily σ of 3.7 % is
   * far inside).
   */
  static expNormalFits(mu: number, sigma: number): boolean {
    return Math.abs(mu) + Math.abs(sigma) * ZIG_FAST_MAX < NEAR_RANGE - 0.01;
  }

  // xoshiro128** state words (int32)
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** A generator for stream `stream` of `seed` (both non-negative integers below 2^53). */
  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Re-seed in place (no allocation): used once per simulated path. */
  reseed(seed: number, stream: number): void {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    const st = stream >>> 0;
    const sh = Math.floor(stream / 4294967296) >>> 0;
    let h = fmix32(lo ^ 0x9e3779b9);
    h = fmix32(h ^ hi ^ 0x7f4a7c15);
    h = fmix32(h ^ st ^ 0x85ebca6b);
    h = fmix32(h ^ sh ^ 0xc2b2ae35);
    this.s0 = fmix32(h + 0x243f6a88);
    this.s1 = fmix32(h + 0x13198a2e);
    this.s2 = fmix32(h + 0x03707344);
    this.s3 = fmix32(h + 0x299f31d0);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the one forbidden state
  }

  /** Next 32 random bits as a signed int32 (xoshiro128**). */
  nextInt32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in the open interval (0, 1) with 32-bit resolution (safe for log). */
  uniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) * INV_2_32;
  }

  /** Uniform integer in [0, n) for n ≤ 2^32 (multiply-shift; bias below 2^-32·n, irrelevant here). */
  uniformInt(n: number): number {
    return Math.floor((this.nextInt32() >>> 0) * INV_2_32 * n);
  }

  /** Standard normal variate (ziggurat). */
  normal(): number {
    const hz = this.nextInt32();
    const iz = hz & 127;
    const j = hz >> 7;
    if (Math.abs(j) < KN[iz]!) return j * WN[iz]!;
    return this.normalTail(hz);
  }

  /**
   * Fill `out[offset .. offset+count)` with standard normals: exactly the numbers `count` calls of
   * `normal()` would give, but with the generator state held in locals and the ziggurat's fast path
   * (98.8 % of draws) inlined — the price models draw a whole path's normals through here. The
   * inner loop holds the fast path alone and leaves at a rare draw, which the outer loop hands to
   * `normalTail`: with no call (and no never-taken branch) inside it, V8 compiles it without
   * reloading the tables and the array on every draw (15 → 12.5 ms per 3.65 M draws).
   */
  fillNormal(out: Float64Array, offset = 0, count = out.length - offset): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const kn = KN;
    const wn = WN;
    const end = offset + count;
    let i = offset;
    while (i < end) {
      let hz = 0;
      let rare = false;
      for (; i < end; i++) {
        const x = Math.imul(s1, 5);
        hz = Math.imul((x << 7) | (x >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const iz = hz & 127;
        const j = hz >> 7;
        // stored first, overwritten below on a rare draw: keeps the store out of a branch
        out[i] = j * wn[iz]!;
        if (!(Math.abs(j) < kn[iz]!)) {
          rare = true;
          break;
        }
      }
      if (!rare) break;
      // the rare branches draw more numbers: hand the state over and take it back
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
      out[i++] = this.normalTail(hz);
      s0 = this.s0;
      s1 = this.s1;
      s2 = this.s2;
      s3 = this.s3;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * out[at + i·step] = expDaily(mu + sigma·Z_i) for the next `count` standard normals Z_i — the
   * same Z_i, from the same stream positions, as `fillNormal` would draw, and the same products:
   * the one-factor GBM's daily multiples in one loop, without storing the normals and reading
   * them back (fillNormal's inner/outer loop shape, for the same reason). Only for `expNormalFits`
   * moves (else a RangeError): the fast-path moves then go through `expNear`, with no range test
   * in the loop; the rare draws, unbounded, through `expDaily`.
   */
  fillExpNormal(
    out: Float64Array,
    at: number,
    step: number,
    count: number,
    mu: number,
    sigma: number,
  ): void {
    if (!Rng.expNormalFits(mu, sigma)) throw new RangeError('fillExpNormal: mu, sigma too large');
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const kn = KN;
    const wn = WN;
    let i = 0;
    let j = at;
    while (i < count) {
      let hz = 0;
      let rare = false;
      for (; i < count; i++, j += step) {
        const x = Math.imul(s1, 5);
        hz = Math.imul((x << 7) | (x >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const iz = hz & 127;
        const v = hz >> 7;
        if (!(Math.abs(v) < kn[iz]!)) {
          rare = true;
          break;
        }
        out[j] = expNear(mu + sigma * (v * wn[iz]!));
      }
      if (!rare) break;
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
      out[j] = expDaily(mu + sigma * this.normalTail(hz));
      s0 = this.s0;
      s1 = this.s1;
      s2 = this.s2;
      s3 = this.s3;
      i++;
      j += step;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * The two-factor GBM's daily multiples in one loop, as `fillExpNormal` for one: day d draws
   * Z0 then Z1 (fillNormal's order) and writes
   *   out[at + d·step]          = expDaily(mu0 + c00·Z0),
   *   out[at + d·step + second] = expDaily(mu1 + c10·Z0 + c11·Z1),
   * the same numbers as drawing the normals first and exponentiating them. Only where
   * `expNormalFits` holds for both rows' largest fast-path moves (else a RangeError); a day with a
   * rare draw goes through `expDaily`, unbounded.
   */
  fillExpNormal2(
    out: Float64Array,
    at: number,
    step: number,
    second: number,
    days: number,
    mu0: number,
    c00: number,
    mu1: number,
    c10: number,
    c11: number,
  ): void {
    if (!Rng.expNormalFits(mu0, c00) || !Rng.expNormalFits(mu1, Math.abs(c10) + Math.abs(c11)))
      throw new RangeError('fillExpNormal2: moves too large');
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const kn = KN;
    const wn = WN;
    let d = 0;
    let j = at;
    // z0 of a day whose second draw was rare; NaN when the rare draw was the first
    let pending = NaN;
    while (d < days) {
      let hz = 0;
      let rare = false;
      for (; d < days; d++, j += step) {
        let x = Math.imul(s1, 5);
        hz = Math.imul((x << 7) | (x >>> 25), 9);
        let t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        let iz = hz & 127;
        let v = hz >> 7;
        if (!(Math.abs(v) < kn[iz]!)) {
          rare = true;
          pending = NaN;
          break;
        }
        const z0 = v * wn[iz]!;
        x = Math.imul(s1, 5);
        hz = Math.imul((x << 7) | (x >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        iz = hz & 127;
        v = hz >> 7;
        if (!(Math.abs(v) < kn[iz]!)) {
          rare = true;
          pending = z0;
          break;
        }
        const z1 = v * wn[iz]!;
        out[j] = expNear(mu0 + c00 * z0);
        out[j + second] = expNear(mu1 + c10 * z0 + c11 * z1);
      }
      if (!rare) break;
      // the rest of this day with the generator handed over: the rare draw, then any second one
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
      let z0: number;
      let z1: number;
      if (pending !== pending) {
        z0 = this.normalTail(hz);
        z1 = this.normal();
      } else {
        z0 = pending;
        z1 = this.normalTail(hz);
      }
      out[j] = expDaily(mu0 + c00 * z0);
      out[j + second] = expDaily(mu1 + c10 * z0 + c11 * z1);
      s0 = this.s0;
      s1 = this.s1;
      s2 = this.s2;
      s3 = this.s3;
      d++;
      j += step;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** The rare ziggurat branches: wedges and the base strip's tail beyond R. */
  private normalTail(hz: number): number {
    for (;;) {
      const iz = hz & 127;
      const j = hz >> 7;
      const x = j * WN[iz]!;
      if (iz === 0) {
        let tx: number;
        let ty: number;
        do {
          tx = -Math.log(this.uniform()) / ZIG_R;
          ty = -Math.log(this.uniform());
        } while (ty + ty < tx * tx);
        return j > 0 ? ZIG_R + tx : -ZIG_R - tx;
      }
      if (FN[iz]! + this.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
      hz = this.nextInt32();
      const iz2 = hz & 127;
      const j2 = hz >> 7;
      if ((j2 < 0 ? -j2 : j2) < KN[iz2]!) return j2 * WN[iz2]!;
    }
  }
}
