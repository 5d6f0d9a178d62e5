// Bound once: under jest's vm context every `Math.x` is a global lookup that makes the model about 4x slower.
const { PI, cos, floor, imul, log, sin, sqrt } = Math;

/**
 * A seeded pseudo-random generator (mulberry32 over a 32-bit state): the same seed gives the same
 * sequence on every run and platform, which is what makes a simulated market reproducible.
 */
export class SeededRandom {
  private state: number;
  private spareGaussian: number | undefined;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  /** Standard normal draw (Box-Muller, caching the second value). */
  gaussian(): number {
    if (this.spareGaussian !== undefined) {
      const spare = this.spareGaussian;
      this.spareGaussian = undefined;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = sqrt(-2 * log(u));
    this.spareGaussian = radius * sin(2 * PI * v);
    return radius * cos(2 * PI * v);
  }

  /** A random RFC 4122 version-4 UUID drawn from this sequence (deterministic for a seed). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push((this.next() * 4294967296 >>> 0).toString(16).padStart(8, '0'));
    const raw = hex.join('');
    const variant = ((parseInt(raw[16], 16) & 0x3) | 0x8).toString(16);
    return `${raw.slice(0, 8)}-${raw.slice(8, 12)}-4${raw.slice(13, 16)}-${variant}${raw.slice(17, 20)}-${raw.slice(20, 32)}`;
  }
}

/** Derives an independent 32-bit seed for a named stream (FNV-1a of the name, mixed with the seed). */
export function deriveSeed(seed: number, stream: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    hash ^= stream.charCodeAt(i);
    hash = imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
